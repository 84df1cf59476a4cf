package com.truustrules.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.support.AppProcess;
import com.truustrules.support.Calls;
import com.truustrules.support.ItConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A 2xx survives kill -9: the packaged application is killed with SIGKILL while calls are in
 * flight, restarted on the same storage, and every event it acknowledged must be there, once.
 */
class KillDurabilityIT {

    private static final Path DIR = Path.of("target", "kill-it");
    private static final int THREADS = 8;
    private static final int MAX_CALLS_PER_THREAD = 3000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Kill moments, as acknowledged calls in the round: at the very first, early, and well under way. */
    private static final int[] KILL_AFTER_ACKS = {1, 150, 1000};
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Ack(String id, String body) {
    }

    /** Every acknowledged call of every round, by its unique order id. */
    private final Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private int starts;

    @Test
    void everyAcknowledgedEventSurvivesKillMinus9() throws Exception {
        clean();
        Path rules = Files.createDirectories(DIR.resolve("rules"));
        AppProcess app = start(rules);
        try {
            for (int round = 0; round < KILL_AFTER_ACKS.length; round++) {
                int sent = loadAndKill(app, round, KILL_AFTER_ACKS[round]);
                app.close();
                app = start(rules);
                assertEveryAcknowledgedEventIsThereOnce(app, sent);
            }
        } finally {
            app.close();
        }
    }

    /** Posts from several threads until enough calls are acknowledged, then kills the process mid-flight. */
    private int loadAndKill(AppProcess app, int round, int killAfter) throws Exception {
        AtomicInteger acks = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger unanswered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int t = 0; t < THREADS; t++) {
                String prefix = "r" + round + "t" + t + "n";
                pool.submit(() -> post(app, prefix, acks, sent, unanswered));
            }
            awaitAcks(acks, killAfter, app);
            app.kill();
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "the load threads did not stop after the kill");
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("kill round %d: killed after %d acks; %d calls sent, %d acknowledged, %d unanswered%n",
                round, killAfter, sent.get(), acks.get(), unanswered.get());
        assertTrue(unanswered.get() > 0, "the kill must interrupt calls, else it proves nothing");
        return sent.get();
    }

    private void post(AppProcess app, String prefix, AtomicInteger acks, AtomicInteger sent, AtomicInteger unanswered) {
        for (int i = 0; i < MAX_CALLS_PER_THREAD; i++) {
            String order = prefix + i;
            String body = "{\"escrow\": {\"id\": \"" + order + "\", \"status\": \"PUBLISHED\", \"amount\": 10.50}}";
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(webhook(app, body), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    acknowledged.put(order, new Ack(JSON.readTree(response.body()).path("id").asText(), body));
                    acks.incrementAndGet();
                }
            } catch (IOException e) {
                unanswered.incrementAndGet();
                return; // the process is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void awaitAcks(AtomicInteger acks, int wanted, AppProcess app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acks.get() < wanted) {
            assertTrue(System.nanoTime() < deadline, "only " + acks.get() + " calls acknowledged:\n" + app.log());
            Thread.sleep(1);
        }
    }

    /** Lists what is stored, then re-sends every acknowledged call: each must be a duplicate of its first id. */
    private void assertEveryAcknowledgedEventIsThereOnce(AppProcess app, int sentThisRound) throws Exception {
        List<String> stored = storedIds(app);
        Set<String> unique = new HashSet<>(stored);
        assertEquals(stored.size(), unique.size(), "an event is listed twice");
        acknowledged.forEach((order, ack) -> assertTrue(unique.contains(ack.id()), "acknowledged event lost: " + order));
        resendAll(app);
        assertEquals(stored.size(), storedIds(app).size(), "a re-sent acknowledged call was stored again");
        System.out.printf("after restart: %d acknowledged in all, %d stored, %d sent in the last round%n",
                acknowledged.size(), stored.size(), sentThisRound);
    }

    private void resendAll(AppProcess app) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> checks = new ArrayList<>();
            acknowledged.forEach((order, ack) -> checks.add(pool.submit(() -> {
                HttpResponse<String> response = http.send(webhook(app, ack.body()), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = JSON.readTree(response.body());
                assertEquals(200, response.statusCode(), order + ": " + response.body());
                assertEquals(ack.id(), answer.path("id").asText(), order);
                return null;
            })));
            for (Future<?> check : checks) {
                check.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every stored event id, through the admin API, page by page. */
    private static List<String> storedIds(AppProcess app) {
        List<String> ids = new ArrayList<>();
        Long next = null;
        for (int page = 0; page < 100; page++) {
            RequestSpecification request = Calls.admin().baseUri(app.baseUri()).queryParam("limit", 1000);
            if (next != null) {
                request.queryParam("before", next);
            }
            JsonPath answer = request.get("/api/events").then().statusCode(200).extract().jsonPath();
            ids.addAll(answer.getList("items.id", String.class));
            next = answer.get("next") == null ? null : answer.getLong("next");
            if (next == null) {
                return ids;
            }
        }
        throw new IllegalStateException("more than 100 pages of events");
    }

    private static HttpRequest webhook(AppProcess app, String body) {
        return HttpRequest.newBuilder(URI.create(app.baseUri() + "/webhooks/truust/order-published"))
                .header("Content-Type", "application/json").header("X-Truust-Secret", Calls.SECRET)
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The first start empties the storage; every restart keeps it. */
    private AppProcess start(Path rules) throws Exception {
        Map<String, String> config = new HashMap<>(ItConfig.credentials(rules.toAbsolutePath()));
        config.putAll(ItConfig.storage(DIR.resolve("data"), starts == 0));
        AppProcess app = AppProcess.start(config, DIR.resolve("app-" + starts++ + ".log"));
        try {
            return app.awaitReady(START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    private static void clean() throws IOException {
        if (Files.exists(DIR)) {
            try (Stream<Path> paths = Files.walk(DIR)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(DIR);
    }
}
