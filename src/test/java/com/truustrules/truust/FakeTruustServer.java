package com.truustrules.truust;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.truustrules.truust.fake.FakeTruust;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The fake Truust API on a real loopback port chosen before the application starts (the
 * application's own port is random in tests, so its /fake-truust route cannot be configured ahead).
 */
public final class FakeTruustServer {

    private final HttpServer server;
    private final FakeTruust fake = new FakeTruust();
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();

    private FakeTruustServer(HttpServer server) {
        this.server = server;
    }

    public static FakeTruustServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeTruustServer fake = new FakeTruustServer(http);
            http.createContext("/2.0/", fake::handle);
            http.setExecutor(Executors.newFixedThreadPool(16));
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/2.0";
    }

    public FakeTruust fake() {
        return fake;
    }

    /** Request headers of every call so far. */
    public List<Map<String, List<String>>> headers() {
        return headers;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            String path = exchange.getRequestURI().getRawPath().substring("/2.0".length());
            FakeTruust.Reply reply = fake.get(URLDecoder.decode(path, StandardCharsets.UTF_8), query(exchange),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }
}
