package com.truustrules.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server (GreenMail, in this JVM) on a free loopback port, which can go down and come back
 * on the same port. Mails received before it went down are kept, so counts cover the whole run.
 */
final class MailSink implements AutoCloseable {

    /** One received mail. */
    record Mail(String to, String messageId, String subject) {
    }

    private final ServerSetup setup;
    private final List<Mail> earlier = new ArrayList<>();
    private GreenMail server;

    private MailSink(int port) {
        this.setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    }

    static MailSink start() {
        MailSink sink = new MailSink(freePort());
        sink.up();
        return sink;
    }

    int port() {
        return setup.getPort();
    }

    /** Stops the server: connections are refused until {@link #up()}. */
    synchronized void down() {
        earlier.addAll(current());
        server.stop();
        server = null;
    }

    synchronized void up() {
        server = new GreenMail(setup);
        server.start();
    }

    /** Every mail received since the start, across outages. */
    synchronized List<Mail> received() {
        List<Mail> all = new ArrayList<>(earlier);
        all.addAll(current());
        return all;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    private List<Mail> current() {
        List<Mail> mails = new ArrayList<>();
        if (server == null) {
            return mails;
        }
        for (MimeMessage message : server.getReceivedMessages()) {
            mails.add(read(message));
        }
        return mails;
    }

    private static Mail read(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            String recipient = to == null || to.length == 0 ? "" : ((InternetAddress) to[0]).getAddress();
            return new Mail(recipient, message.getMessageID(), message.getSubject());
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable mail in the sink", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
