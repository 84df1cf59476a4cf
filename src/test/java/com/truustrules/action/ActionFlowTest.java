package com.truustrules.action;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.db.Durability;
import com.truustrules.db.Transactions;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.ScheduledRules;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delayed actions, scheduled rules, and the actions API, with log actions that always succeed. */
@QuarkusTest
@TestProfile(ActionFlowTest.Rules.class)
class ActionFlowTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** A release rule with a delayed second action, and a daily scheduled rule. */
    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("truust-rules-actions");
                Files.writeString(dir.resolve("review.yaml"), "id: ask-for-review\non: [order.released]\nactions:\n"
                        + "  - log: { message: \"released {escrow.id}\" }\n"
                        + "  - log: { message: \"ask {escrow.id} for a review\" }\n    after: PT48H\n");
                Files.writeString(dir.resolve("daily.yaml"), "id: daily\nschedule: \"0 0 8 * * ?\"\nactions:\n"
                        + "  - log: { message: \"good morning\" }\n");
                return Map.of("truust.rules.dir", dir.toString(), "truust.actions.poll-interval", "100ms");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    ScheduledRules scheduled;

    @Inject
    RuleRegistry registry;

    @Inject
    Transactions transactions;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long jobs(String status, String rule) {
        return db.count("SELECT COUNT(*) FROM action_job WHERE status = ? AND rule_id = ?", status, rule);
    }

    @Test
    void aDelayedActionRunsAfterItsDelayAndNotBefore() throws InterruptedException {
        clock.set(T0);
        String order = "55" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000);
        Calls.truust().body("{\"escrow\": {\"id\": \"" + order + "\", \"status\": \"RELEASED\"}}")
                .post("/webhooks/truust/order-released").then().statusCode(202);
        String firing = "ask-for-review";
        Await.until("the first action to run", () -> jobs("DONE", firing) == 1 && jobs("PENDING", firing) == 1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = ? AND action_index = 1 AND due_at = ?",
                firing, T0.plus(Duration.ofHours(48)).atOffset(java.time.ZoneOffset.UTC)));

        clock.set(T0.plus(Duration.ofHours(47)));
        Thread.sleep(500);
        assertEquals(1, jobs("PENDING", firing));

        clock.set(T0.plus(Duration.ofHours(48)));
        Await.until("the delayed action to run", () -> jobs("DONE", firing) == 2);
        Calls.admin().queryParam("status", "done").get("/api/actions").then().statusCode(200)
                .body("items.findAll { it.ruleId == 'ask-for-review' }.size()", equalTo(2))
                .body("items.find { it.ruleId == 'ask-for-review' && it.actionIndex == 1 }.result",
                        equalTo("{\"message\":\"ask " + order + " for a review\"}"));
    }

    @Test
    void aScheduledTimeFiresOnceEvenWhenInstancesRace() throws Exception {
        clock.set(Instant.parse("2026-12-03T08:00:20Z"));
        Rule daily = registry.active().scheduled().get(0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            // A racer that loses on the firing's unique key is told "not fired", not thrown at.
            racers.add(() -> scheduled.fireDue(daily));
        }
        int fired = 0;
        for (Future<Boolean> result : pool.invokeAll(racers)) {
            fired += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, fired);
        assertEquals(1, db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'daily' AND firing_key = ?",
                "cron:2026-12-03T08:00:00Z"));
        // Counted by firing key: the service's own 10 s tick may fire another day while the test clock is set.
        Await.until("the scheduled action to run", () -> db.count("SELECT COUNT(*) FROM action_job WHERE status = 'DONE'"
                + " AND rule_id = 'daily' AND firing_key = ?", "cron:2026-12-03T08:00:00Z") == 1);
        assertEquals(false, scheduled.fireDue(daily));
    }

    @Test
    void aMissedTimeFiresWithinTheGraceOnly() throws Exception {
        Rule daily = registry.active().scheduled().get(0);
        clock.set(Instant.parse("2026-12-04T08:59:00Z"));
        scheduled.fireDue(daily); // or the service's own tick fires it first: once either way
        assertEquals(1, firings("cron:2026-12-04T08:00:00Z"));
        // A day that is never today: the service's own tick, on the real clock once a test resets it,
        // may fire today's 08:00 and would hide what the grace does.
        clock.set(Instant.parse("2026-12-02T09:00:01Z"));
        assertEquals(false, scheduled.fireDue(daily));
        assertEquals(0, firings("cron:2026-12-02T08:00:00Z"));
    }

    private long firings(String key) {
        return db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'daily' AND firing_key = ?", key);
    }

    /** Durability that notes which threads asked for a flush (and writes nothing: nothing is killed here). */
    static class FlushRecorder extends Durability {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void flush(Connection connection) {
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void flush() {
            threads.add(Thread.currentThread().getName());
        }
    }

    /** A log job of no rule's firing, as an admin or a test puts one in; {@code dueAt} is SQL (a literal or NULL). */
    private UUID manualLogJob(String message, String status, int attempts, String lastError, String dueAt) {
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO action_job (id, idempotency_key, rule_id, rule_version, firing_key, action_index, kind, "
                + "spec, status, attempts, last_error, created_at, updated_at, due_at) VALUES ('" + id + "', 'manual|" + id
                + "|0', 'manual', 'v1', 'manual', 0, 'log', '{\"message\": \"" + message + "\"}', '" + status + "', "
                + attempts + ", " + (lastError == null ? "NULL" : "'" + lastError + "'") + ", CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP, " + dueAt + ")");
        return id;
    }

    /**
     * A job that wrote no sending mark records its outcome without a flush: a crash that loses it lets
     * the job run again, as one just before the commit would. On H2 that spares a checkpoint per job.
     */
    @Test
    void anOutcomeWithoutASendingMarkIsNotFlushed() {
        FlushRecorder flushes = new FlushRecorder();
        QuarkusMock.installMockForType(flushes, Durability.class);
        UUID id = manualLogJob("once", "PENDING", 0, null, "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00'");
        Await.until("the job to run", () -> db.count("SELECT COUNT(*) FROM action_job WHERE id = ? AND status = 'DONE'", id) == 1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_attempt WHERE job_id = ? AND outcome = 'DONE'", id));
        assertTrue(flushes.threads.stream().noneMatch(t -> t.startsWith("action-worker")),
                "a log job's outcome was flushed: " + flushes.threads);
    }

    /**
     * A retry by hand is written by the owner of action_job in a flushed commit (before, Panache wrote it
     * and nothing flushed: on H2 an acknowledged retry could be lost to a kill -9).
     */
    @Test
    void aDeadJobCanBeRetriedByHand() {
        FlushRecorder flushes = new FlushRecorder();
        QuarkusMock.installMockForType(flushes, Durability.class);
        UUID id = manualLogJob("again", "DEAD", 10, "gave up", "NULL");
        Calls.admin().queryParam("status", "dead").get("/api/actions").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.lastError", equalTo("gave up"));
        Calls.admin().post("/api/actions/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("PENDING")).body("attempts", equalTo(0)).body("lastError", equalTo("gave up"));
        assertTrue(flushes.threads.stream().anyMatch(t -> t.startsWith("executor-thread")),
                "the retry's commit was not flushed by the thread that answered it: " + flushes.threads);
        Await.until("the retried job to run", () -> db.count(
                "SELECT COUNT(*) FROM action_job WHERE id = ? AND status = 'DONE'", id) == 1);
        Calls.admin().post("/api/actions/" + id + "/retry").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("the job is DONE; only a failed or dead job can be retried"));
        Calls.admin().post("/api/actions/" + UUID.randomUUID() + "/retry").then().statusCode(404);
        Calls.admin().post("/api/actions/not-a-job/retry").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no action job with id not-a-job"));
        Calls.admin().queryParam("status", "lost").get("/api/actions").then().statusCode(400);
    }

    /**
     * Recording an outcome is idempotent and bound to the claim that ran the job: a record repeated
     * after a commit that was in doubt changes nothing and adds no second attempt, and a record that
     * comes after another instance took the job over does not overwrite that instance's claim.
     */
    @Test
    void anOutcomeIsRecordedOnceAndNeverOverALaterClaim() throws Exception {
        UUID id = UUID.randomUUID();
        db.execute("INSERT INTO action_job (id, idempotency_key, rule_id, rule_version, firing_key, action_index, kind, "
                + "spec, status, attempts, lease_until, created_at, updated_at) VALUES ('" + id + "', 'held|" + id
                + "|0', 'held', 'v1', 'held', 0, 'log', '{}', 'RUNNING', 1, TIMESTAMP '2999-01-01 00:00:00', "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        ClaimedJob first = new ClaimedJob(id, "held|" + id + "|0", "held", "held", null, 0, "log", "{}", 1, T0, null);
        assertTrue(applied(c -> record(c, first)));
        assertFalse(applied(c -> record(c, first)), "a repeated record applied again");
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_attempt WHERE job_id = ?", id));

        db.execute("UPDATE action_job SET status = 'RUNNING', attempts = 2 WHERE id = '" + id + "'");
        ClaimedJob second = new ClaimedJob(id, "held|" + id + "|0", "held", "held", null, 0, "log", "{}", 2, T0, null);
        assertFalse(applied(c -> ActionJobs.retryAt(c, first, "late", T0, T0)));
        assertFalse(applied(c -> ActionJobs.dead(c, first, "late", T0)));
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_job WHERE id = ? AND status = 'RUNNING' AND attempts = 2", id));
        assertTrue(applied(c -> ActionJobs.dead(c, second, "given up", T0)));
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_job WHERE id = ? AND status = 'DEAD'", id));
    }

    private boolean applied(Transactions.Work<Boolean> work) throws java.sql.SQLException {
        return transactions.commit(work);
    }

    private static boolean record(java.sql.Connection c, ClaimedJob job) throws java.sql.SQLException {
        boolean applied = ActionJobs.done(c, job, "{}", T0);
        ActionJobs.recordAttempt(c, job, T0, T0, "DONE", null);
        return applied;
    }
}
