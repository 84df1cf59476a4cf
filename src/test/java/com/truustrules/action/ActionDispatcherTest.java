package com.truustrules.action;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.action.log.WriteLog;
import com.truustrules.config.TruustConfig;
import com.truustrules.db.Embedded;
import com.truustrules.db.Transactions;
import com.truustrules.support.Await;
import com.truustrules.support.Db;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dispatcher keeps its workers busy, says when a runner breaks, lets running jobs finish at
 * shutdown, and liveness tells when its loop no longer claims. An application of its own: the last
 * test stops its dispatcher for good.
 */
@QuarkusTest
@TestProfile(ActionDispatcherTest.QuickRetries.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActionDispatcherTest {

    /** Retries within a second, so that a retried job is seen done within the test. */
    public static class QuickRetries implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.actions.poll-interval", "100ms", "truust.actions.backoff-initial", "PT0.2S",
                    "truust.actions.backoff-max", "PT1S");
        }
    }

    /** The log action, except that "slow" waits for the test to let it go and "boom" throws on its first attempt. */
    static class GatedLog extends WriteLog {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ActionOutcome run(ActionContext context) {
            Object message = context.spec().get("message");
            if ("slow".equals(message)) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ActionOutcome.retry("interrupted");
                }
            }
            if ("boom".equals(message) && context.attempt() == 1) {
                throw new IllegalStateException("a runner bug");
            }
            return super.run(context);
        }
    }

    private static final String DISPATCHER = "checks.find { it.name == 'action-dispatcher' }.data.action-dispatcher";

    @Inject
    Db db;

    @Inject
    ActionDispatcher dispatcher;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Transactions transactions;

    @Inject
    TruustConfig config;

    GatedLog log;

    @BeforeEach
    void gate() {
        log = new GatedLog();
        QuarkusMock.installMockForType(log, WriteLog.class);
    }

    @Test
    @Order(1)
    void oneSlowJobDoesNotHoldBackJobsDueAfterIt() throws InterruptedException {
        String run = UUID.randomUUID().toString();
        UUID slow = queue("slow-" + run, "slow");
        await(log.entered);
        for (int i = 0; i < 20; i++) {
            queue("quick-" + run, "quick " + i);
        }
        try {
            Await.until("the jobs queued after the slow one to run", () -> jobs("quick-" + run, "DONE") == 20);
            assertEquals("RUNNING", status(slow), "the slow job was still running while the others ran");
        } finally {
            log.release.countDown();
        }
        Await.until("the slow job to finish", () -> "DONE".equals(status(slow)));
        assertEquals(20, db.count("SELECT COUNT(*) FROM action_attempt a JOIN action_job j ON j.id = a.job_id "
                + "WHERE j.rule_id = ? AND a.finished_at < (SELECT finished_at FROM action_attempt WHERE job_id = ?)",
                "quick-" + run, slow));
    }

    /**
     * With every worker busy, jobs that fall due are claimed once, up to one queued job per worker, for
     * the next worker that frees up (not one claim per freed worker); the rest stay PENDING.
     */
    @Test
    @Order(2)
    void busyWorkersHaveAtMostOneQueuedJobEachClaimedForThem() throws InterruptedException {
        String run = UUID.randomUUID().toString();
        int workers = 16;
        for (int i = 0; i < workers; i++) {
            queue("busy-" + run, "slow");
        }
        try {
            Await.until("every worker to run a slow job", () -> jobs("busy-" + run, "RUNNING") == workers);
            insertAll("waiting-" + run, 40);
            dispatcher.wake();
            Await.until("a queue's worth of jobs to be claimed", () -> jobs("waiting-" + run, "RUNNING") == workers);
            Thread.sleep(500);
            assertEquals(workers, jobs("waiting-" + run, "RUNNING"), "claimed beyond one queued job per worker");
            assertEquals(40 - workers, jobs("waiting-" + run, "PENDING"));
        } finally {
            log.release.countDown();
        }
        Await.until("all jobs to be done", () -> jobs("busy-" + run, "DONE") + jobs("waiting-" + run, "DONE") == workers + 40);
    }

    @Test
    @Order(3)
    void aRunnerThatThrowsIsLoggedWithItsStackTraceAndRetried() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = capture(logged);
        Logger logger = Logger.getLogger(ActionDispatcher.class.getName());
        logger.addHandler(handler);
        try {
            UUID boom = queue("boom-" + UUID.randomUUID(), "boom");
            Await.until("the job to be retried and done", () -> "DONE".equals(status(boom)));
            assertEquals(1, db.count("SELECT COUNT(*) FROM action_attempt WHERE job_id = ? AND attempt = 1 "
                    + "AND outcome = 'RETRY' AND error = 'IllegalStateException: a runner bug'", boom));
            assertEquals(1, db.count("SELECT COUNT(*) FROM action_attempt WHERE job_id = ? AND attempt = 2 "
                    + "AND outcome = 'DONE'", boom));
            assertTrue(logged.stream().anyMatch(r -> r.getLevel().intValue() >= Level.SEVERE.intValue()
                    && r.getThrown() instanceof IllegalStateException && "a runner bug".equals(r.getThrown().getMessage())
                    && String.valueOf(r.getMessage()).contains("threw")), "no error with the stack trace logged: " + logged);
        } finally {
            logger.removeHandler(handler);
        }
    }

    /** With a poll interval of 100 ms, 30 missed polls (3 s) without a claim pass while a job is due. */
    @Test
    @Order(4)
    void livenessIsDownWhileClaimsFailAndJobsAreDue() {
        given().get("/q/health/live").then().statusCode(200).body(DISPATCHER, equalTo("ok"));
        QuarkusMock.installMockForType(new JobClaims() {
            @Override
            List<ClaimedJob> claim(int limit, Set<UUID> ownJobs) {
                throw new IllegalStateException("claims broken");
            }
        }, JobClaims.class);
        UUID due = queue("stalled-" + UUID.randomUUID(), "waits for a claim");
        Await.until("liveness DOWN", () -> given().get("/q/health/live").statusCode() == 503);
        given().get("/q/health/live").then().statusCode(503)
                .body(DISPATCHER, equalTo("stuck"))
                .body("checks.find { it.name == 'action-dispatcher' }.data.problem", allOf(
                        startsWith("action-dispatcher is stuck (no claim pass for "),
                        containsString("while jobs are due; last error: IllegalStateException: claims broken")));
        assertEquals("PENDING", status(due));
    }

    @Test
    @Order(5)
    void livenessIsUpAgainOnceClaimsPass() {
        Await.until("the waiting job to run",
                () -> db.count("SELECT COUNT(*) FROM action_job WHERE rule_id LIKE 'stalled-%' AND status = 'DONE'") == 1);
        given().get("/q/health/live").then().statusCode(200).body(DISPATCHER, equalTo("ok"));
    }

    /**
     * A claim never returns more jobs than it was asked for, also when jobs of a dead instance (lease
     * run out) and due jobs are both waiting; the former come first. (It returned up to twice the
     * limit, which broke the dispatcher's count of free slots after a kill -9.) Run on a clock far
     * ahead and rolled back, so that the running dispatcher never sees these jobs as due.
     */
    @Test
    @Order(6)
    void aClaimTakesNoMoreThanItsLimitAndLapsedLeasesFirst() throws SQLException {
        String rule = "claim-" + UUID.randomUUID();
        List<UUID> lapsed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            insert(rule, "due later " + i, "PENDING", "due_at", "2099-01-01 00:00:00");
            lapsed.add(insert(rule, "lapsed " + i, "RUNNING", "lease_until", "2099-01-01 00:00:00"));
        }
        Instant later = Instant.parse("2100-01-01T00:00:00Z");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ClaimedJob> claimed = ActionJobs.claim(c, later, 4, later.plusSeconds(60), Set.of());
                assertEquals(4, claimed.size(), "claimed beyond the limit: " + claimed);
                assertTrue(claimed.stream().map(ClaimedJob::id).toList().containsAll(lapsed), "lapsed leases first");
                c.rollback();
                // A lapsed job this instance still holds (its outcome waiting for the database) is not taken over.
                List<UUID> taken = ActionJobs.claim(c, later, 4, later.plusSeconds(60), Set.of(lapsed.get(0))).stream()
                        .map(ClaimedJob::id).toList();
                assertEquals(4, taken.size());
                assertFalse(taken.contains(lapsed.get(0)), "took over a job still in hand: " + taken);
                assertTrue(taken.containsAll(lapsed.subList(1, 3)));
            } finally {
                c.rollback();
            }
        }
        db.execute("DELETE FROM action_job WHERE rule_id = '" + rule + "'");
    }

    @Test
    @Order(6)
    void theFirstClaimOnTheEmbeddedDatabaseEndsTheLeasesAnEarlierRunLeft() throws SQLException {
        String rule = "earlier-run-" + UUID.randomUUID();
        UUID left = insert(rule, "in hand when the service was killed", "RUNNING", "lease_until", "2099-01-01 00:00:00");
        JobClaims restarted = new JobClaims();
        restarted.transactions = transactions;
        restarted.config = config;
        restarted.clock = Clock.systemUTC();
        boolean embedded;
        try (Connection c = dataSource.getConnection()) {
            embedded = Embedded.onlyThisProcess(c);
        }
        // PostgreSQL may be shared with a live instance that holds the job: its lease stands.
        assertEquals(embedded, ids(restarted.claim(100, Set.of())).contains(left),
                "the job an earlier run left is taken at once exactly when the database is this process's alone");
        // Once this run has claimed, a lease stands on H2 too (it may be one of this run's jobs).
        db.execute("UPDATE action_job SET status = 'RUNNING', lease_until = TIMESTAMP WITH TIME ZONE '2099-01-01 00:00:00+00' WHERE id = '" + left + "'");
        assertFalse(ids(restarted.claim(100, Set.of())).contains(left), "a later claim ended a lease");
        db.execute("DELETE FROM action_job WHERE rule_id = '" + rule + "'");
    }

    private static List<UUID> ids(List<ClaimedJob> jobs) {
        return jobs.stream().map(ClaimedJob::id).toList();
    }

    @Test
    @Order(7)
    void stoppingWaitsForARunningJobToRecordItsOutcome() throws InterruptedException {
        UUID slow = queue("stop-" + UUID.randomUUID(), "slow");
        await(log.entered);
        Thread stopping = new Thread(() -> {
            try {
                dispatcher.stop(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.start();
        Await.until("stop to wait", () -> stopping.getState() == Thread.State.TIMED_WAITING);
        assertTrue(stopping.isAlive(), "stop returned while a job was still running");
        log.release.countDown();
        stopping.join(Duration.ofSeconds(15).toMillis());
        assertEquals("DONE", status(slow), "stop returned before the running job recorded its outcome");
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_attempt WHERE job_id = ? AND outcome = 'DONE'", slow));
        UUID later = queue("stop-" + UUID.randomUUID(), "after the stop");
        dispatcher.wake();
        Thread.sleep(300);
        assertEquals("PENDING", status(later), "a stopped dispatcher claimed a job");
        given().get("/q/health/live").then().statusCode(503).body(DISPATCHER, equalTo("stopped"));
    }

    /** Long before any test clock: a job due then is due now. */
    private static final String LONG_AGO = "2020-01-01 00:00:00";
    private static final String INSERT = "INSERT INTO action_job (id, idempotency_key, rule_id, rule_version, firing_key, "
            + "action_index, kind, spec, status, attempts, %s, created_at, updated_at) VALUES ";

    /** The values of one log job of {@code rule} in {@code status}, its INSERT's time column at {@code at}, UTC. */
    private static String row(UUID id, String rule, String message, String status, String at) {
        return "('" + id + "', '" + rule + "|" + id + "|0', '" + rule + "', 'v1', '" + id + "', 0, 'log', "
                + "'{\"message\": \"" + message + "\"}', '" + status + "', 0, TIMESTAMP WITH TIME ZONE '" + at + "+00', "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)";
    }

    /** Inserts one job without waking the dispatcher; returns its id. */
    private UUID insert(String rule, String message, String status, String column, String at) {
        UUID id = UUID.randomUUID();
        db.execute(INSERT.formatted(column) + row(id, rule, message, status, at));
        return id;
    }

    private UUID queue(String rule, String message) {
        UUID id = insert(rule, message, "PENDING", "due_at", LONG_AGO);
        dispatcher.wake();
        return id;
    }

    /** Inserts {@code count} due log jobs in one statement, so that one claim can see them all. */
    private void insertAll(String rule, int count) {
        db.execute(INSERT.formatted("due_at") + IntStream.range(0, count)
                .mapToObj(i -> row(UUID.randomUUID(), rule, "quick " + i, "PENDING", LONG_AGO)).collect(Collectors.joining(", ")));
    }

    private long jobs(String rule, String status) {
        return db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = ? AND status = ?", rule, status);
    }

    private String status(UUID job) {
        for (String status : List.of("PENDING", "RUNNING", "DONE", "DEAD")) {
            if (db.count("SELECT COUNT(*) FROM action_job WHERE id = ? AND status = ?", job, status) == 1) {
                return status;
            }
        }
        return "none";
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(15, java.util.concurrent.TimeUnit.SECONDS), "the slow job never started");
    }

    private static Handler capture(List<LogRecord> into) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                into.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
