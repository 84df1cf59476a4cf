package com.truustrules.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.support.Calls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/** The admin API and readiness of one running instance, over plain HTTP. */
final class Admin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Job states that still have work ahead of them. */
    private static final Set<String> OPEN_JOBS = Set.of("WAITING", "PENDING", "RUNNING");

    private final String baseUri;

    Admin(int port) {
        this.baseUri = "http://127.0.0.1:" + port;
    }

    /** GET /api/stats: events and jobs by status, firings. */
    JsonNode stats() throws IOException, InterruptedException {
        return get("/api/stats");
    }

    /** GET /api/rules: the active version, its rules, and the errors of the latest load. */
    JsonNode rules() throws IOException, InterruptedException {
        return get("/api/rules");
    }

    /** The state the readiness check "rules" reports: ok, or degraded while a rule file is broken. */
    String rulesHealth() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request("/q/health/ready"), HttpResponse.BodyHandlers.ofString());
        for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
            if ("rules".equals(check.path("name").asText())) {
                return response.statusCode() + " " + check.path("data").path("state").asText();
            }
        }
        return response.statusCode() + " no-rules-check";
    }

    /** The status of /q/health/ready, or -1 when nothing answers. */
    int readiness() throws InterruptedException {
        try {
            return HTTP.send(request("/q/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Waits until no stored event waits for its rules and no action job for its run: the service has
     * caught up. False when it had not after the timeout; answers that fail (a busy or recovering
     * service) count as not yet.
     */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (drained()) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private boolean drained() throws InterruptedException {
        try {
            JsonNode stats = stats();
            return stats.path("events").path("RECEIVED").asLong() == 0
                    && OPEN_JOBS.stream().allMatch(status -> stats.path("actions").path(status).asLong() == 0);
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUri + path)).header("Authorization", "Bearer " + Calls.ADMIN_TOKEN)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
