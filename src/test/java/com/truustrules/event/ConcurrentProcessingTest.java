package com.truustrules.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several processors on one database, as several instances on one PostgreSQL would be: every
 * event is evaluated once, once-per and limit hold. The background processor is off so that the
 * test's workers are the only ones.
 */
@QuarkusTest
@TestProfile(ConcurrentProcessingTest.Rules.class)
class ConcurrentProcessingTest {

    /** A limit rule and a once-per rule in a folder of this test's own. */
    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = folder();
            return Map.of("truust.rules.dir", dir.toString(), "truust.processor.enabled", "false",
                    "truust.processor.batch-size", "3");
        }

        private static Path folder() {
            try {
                Path dir = Files.createTempDirectory("truust-rules-concurrent");
                Files.writeString(dir.resolve("first-five.yaml"), "id: first-five\non: [order.accepted]\nlimit: 5\n"
                        + "actions:\n  - log: { message: x }\n");
                Files.writeString(dir.resolve("once.yaml"), "id: once-per-buyer\non: [order.released]\n"
                        + "once-per: escrow.metadata.buyer_email\nactions:\n  - log: { message: x }\n");
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    EventProcessor processor;

    @Inject
    Db db;

    @Inject
    TestClock clock;

    private static final AtomicInteger ORDER = new AtomicInteger(90_000_000);

    private static void post(String type, String buyer) {
        String body = "{\"escrow\": {\"id\": \"" + ORDER.incrementAndGet() + "\", \"metadata\": {\"buyer_email\": \""
                + buyer + "\"}}}";
        Calls.truust().body(body).post("/webhooks/truust/" + type).then().statusCode(202);
    }

    /** Sixteen workers call processBatch until nothing is left; returns how many events they claimed. */
    private int drainConcurrently() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            workers.add(() -> {
                int claimed = 0;
                for (int round = 0; round < 200; round++) {
                    try {
                        int n = processor.processBatch();
                        if (n == 0 && db.count("SELECT COUNT(*) FROM inbound_event WHERE status = 'RECEIVED'") == 0) {
                            return claimed;
                        }
                        claimed += n;
                    } catch (java.sql.SQLException e) {
                        // Lost a race on a unique key: this batch rolled back, its events stay RECEIVED.
                    }
                }
                return claimed;
            });
        }
        int total = 0;
        for (Future<Integer> result : pool.invokeAll(workers, 60, TimeUnit.SECONDS)) {
            total += result.get();
        }
        pool.shutdown();
        return total;
    }

    @Test
    void sixteenWorkersShareTheEventsAndTheRulesHold() throws Exception {
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        for (int i = 0; i < 16; i++) {
            post("order-accepted", "buyer" + i + "@example.com");
            post("order-released", "same@example.com");
        }
        int claimed = drainConcurrently();
        assertEquals(32, claimed);
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE status <> 'PROCESSED'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM (SELECT event_id FROM event_evaluation "
                + "GROUP BY event_id HAVING COUNT(*) > 1) twice"));
        assertEquals(32, db.count("SELECT COUNT(*) FROM event_evaluation"));
        assertEquals(5, db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'first-five'"));
        assertEquals(5, db.count("SELECT fired FROM rule_counter WHERE rule_id = 'first-five'"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'once-per-buyer'"));
        assertEquals(6, db.count("SELECT COUNT(*) FROM action_job"));
    }
}
