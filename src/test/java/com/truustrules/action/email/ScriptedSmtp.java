package com.truustrules.action.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server that answers from a script, for what GreenMail cannot do: refuse a recipient,
 * reject a message, or never answer the end of DATA (a lost answer). Keys are verbs (MAIL, RCPT...)
 * and "." for the end of DATA; an empty answer means no answer at all.
 */
final class ScriptedSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> answers;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Socket current;
    /** A verb at which the server closes the connection instead of answering, once. */
    private volatile String dropAt;

    ScriptedSmtp(Map<String, String> answers) throws IOException {
        this.answers = answers;
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "scripted-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The messages received up to the end of DATA, whatever was answered. */
    List<String> messages() {
        return messages;
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Drops the client connected now, as a server does with idle clients. */
    void hangUp() throws IOException {
        Socket socket = current;
        if (socket != null) {
            socket.close();
        }
    }

    /** Closes the connection when the client next sends this verb, so that the client reads end-of-stream. */
    void dropAt(String verb) {
        dropAt = verb;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                current = socket;
                talk(socket);
            } catch (IOException e) {
                // closed by the test, or the client gave up: wait for the next connection
            }
        }
    }

    private void talk(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        answer(out, "220 scripted ESMTP");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
            if (verb.equals(dropAt)) {
                dropAt = null;
                return;
            }
            switch (verb) {
                case "EHLO", "HELO" -> answer(out, "250 scripted");
                case "QUIT" -> {
                    answer(out, "221 bye");
                    return;
                }
                case "DATA" -> {
                    answer(out, "354 go on");
                    messages.add(readData(in));
                    answer(out, answers.getOrDefault(".", "250 2.0.0 queued"));
                }
                default -> answer(out, answers.getOrDefault(verb, "250 OK"));
            }
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
            data.append(line).append('\n');
        }
        return data.toString();
    }

    private static void answer(OutputStream out, String text) throws IOException {
        if (!text.isEmpty()) {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
