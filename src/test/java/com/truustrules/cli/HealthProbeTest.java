package com.truustrules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container HEALTHCHECK's command: 0 only for a 200 from the liveness probe. */
class HealthProbeTest {

    private HttpServer server;
    private volatile int status = 200;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/q/health/live", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aLiveServiceIsHealthy() {
        assertEquals(0, probe(url()));
        assertTrue(output().contains("-> 200"), output());
    }

    @Test
    void aDownServiceIsUnhealthy() {
        status = 503;
        assertEquals(1, probe(url()));
        assertTrue(output().contains("-> 503"), output());
    }

    @Test
    void nothingListeningIsUnhealthy() {
        int port = server.getAddress().getPort();
        server.stop(0);
        assertEquals(1, probe("http://127.0.0.1:" + port + "/q/health/live"));
        assertTrue(output().contains("no answer"), output());
    }

    @Test
    void theDefaultIsTheServicePortOnThisHost() {
        assertEquals("http://127.0.0.1:8080/q/health/live", HealthProbe.defaultUrl(null));
        assertEquals("http://127.0.0.1:9000/q/health/live", HealthProbe.defaultUrl("9000"));
    }

    private int probe(String url) {
        return new HealthProbe(new PrintStream(output, true, StandardCharsets.UTF_8)).run(HealthProbe.COMMAND, url);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/live";
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
