package com.truustrules.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.config.TruustConfig;
import com.truustrules.db.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs due action jobs. A claim commits a lease before the action runs, so a job whose instance
 * dies is taken over when the lease ends; the outcome is committed right after the action, and
 * held and recorded again while the database is away, so an outage does not make the action run a
 * second time. An instance dying between the action and that commit leaves the job to be run
 * again, which runners make harmless; a mail it had begun sending is left in doubt instead.
 */
@Startup
@ApplicationScoped
public class ActionDispatcher {

    private static final Logger LOG = Logger.getLogger(ActionDispatcher.class);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String IN_DOUBT = "in doubt: an attempt began sending at %s and the instance stopped before "
            + "it recorded the outcome; the recipient may have it. Not sent again: retry by hand if they did not";
    /** First and longest pause between two tries to record an outcome while the database is away. */
    private static final Duration RECORD_PAUSE = Duration.ofMillis(250);
    private static final Duration RECORD_PAUSE_MAX = Duration.ofSeconds(5);
    /** How often a loop waiting for an idle worker looks whether the dispatcher is stopping. */
    private static final Duration IDLE_CHECK = Duration.ofMillis(100);

    @Inject
    Transactions transactions;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    JobFacts jobFacts;

    @Inject
    JobClaims claims;

    @Inject
    Instance<ActionRunner> runners;

    private final Map<ActionKind, ActionRunner> byKind = new EnumMap<>(ActionKind.class);
    private final AtomicBoolean queued = new AtomicBoolean();
    private ExecutorService loop;
    private ExecutorService workers;
    /**
     * One permit per free slot. There are two slots per worker: the jobs running and, at most as many
     * again, jobs claimed and queued for the next worker that frees up. The loop claims only once half
     * the slots are free, then takes them all: a claim of one job per freed worker cost more than the
     * log job it claimed, while a worker still never waits for a claim when jobs are due.
     */
    private Semaphore slots;
    /**
     * Jobs claimed here and not yet recorded (running, queued, or holding an outcome while the
     * database is away): a claim never takes one of them over when its lease lapses, so that the
     * held outcome is recorded instead of the job being run a second time.
     */
    private final Set<UUID> inHand = ConcurrentHashMap.newKeySet();
    /** For liveness: when the last claim pass came back (System.nanoTime), and why the last one failed. */
    private volatile long lastPass = System.nanoTime();
    private volatile String lastError;
    /** For liveness: the loop is waiting for a worker to finish, so no pass is due. */
    private volatile boolean waitingForWorker;

    @PostConstruct
    void start() {
        runners.forEach(runner -> byKind.put(runner.kind(), runner));
        loop = Executors.newSingleThreadExecutor(r -> daemon(r, "action-dispatcher"));
        workers = Executors.newFixedThreadPool(config.actions().concurrency(), r -> daemon(r, "action-worker"));
        slots = new Semaphore(2 * config.actions().concurrency());
    }

    /**
     * Stops claiming, then lets the jobs already running finish and record their outcomes, for at
     * most the shutdown grace: a job cut off there is run again once its lease ends. No thread is
     * interrupted, since an interrupt in the middle of an H2 write closes the database file.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        long grace = config.actions().shutdownGrace().toNanos();
        long deadline = System.nanoTime() + grace;
        loop.shutdown();
        loop.awaitTermination(grace, TimeUnit.NANOSECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            LOG.warnf("stopping: %d action jobs still running or queued after the shutdown grace; their leases will let them "
                    + "run again", inHand.size());
        }
    }

    void onQueued(@ObservesAsync ActionsQueued queued) {
        wake();
    }

    @Scheduled(every = "${truust.actions.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    public void wake() {
        if (config.actions().enabled() && !loop.isShutdown() && queued.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RejectedExecutionException e) {
                LOG.debug("stopping: not dispatching any more");
            }
        }
    }

    /**
     * Claims jobs as workers free up, so that one slow job never holds the others back, until a claim
     * finds fewer due jobs than it had workers for. A finished job wakes the loop again: it may have
     * made the firing's next action due.
     */
    private void drain() {
        queued.set(false);
        try {
            int wanted = freeSlots();
            while (wanted > 0 && dispatch(wanted) == wanted) {
                wanted = freeSlots();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warnf("dispatching stopped, the next poll tries again: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("dispatching stopped unexpectedly; the next poll tries again", e);
        }
    }

    /** Waits for half the slots to be free, then takes every free one (up to a batch); 0 once stopping. */
    private int freeSlots() throws InterruptedException {
        int half = Math.min(config.actions().concurrency(), config.actions().batchSize());
        try {
            while (!slots.tryAcquire(half, IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                waitingForWorker = true;
                if (loop.isShutdown()) {
                    return 0;
                }
            }
        } finally {
            waitingForWorker = false;
        }
        if (loop.isShutdown()) {
            slots.release(half);
            return 0;
        }
        // Only workers give permits back, so those seen here are still there to take.
        int more = Math.min(slots.availablePermits(), config.actions().batchSize() - half);
        slots.acquire(more);
        return half + more;
    }

    /** Claims up to {@code wanted} due jobs, each for a free slot; returns how many were claimed. */
    int dispatch(int wanted) throws SQLException {
        List<ClaimedJob> jobs;
        try {
            jobs = claims.claim(wanted, inHand);
        } catch (SQLException | RuntimeException | Error e) {
            slots.release(wanted);
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            throw e;
        }
        lastPass = System.nanoTime();
        lastError = null;
        slots.release(wanted - jobs.size());
        for (ClaimedJob job : jobs) {
            inHand.add(job.id());
            workers.execute(() -> runThenFree(job));
        }
        return jobs.size();
    }

    /** What the loop is doing, for {@link DispatcherHealthCheck}. */
    record Liveness(boolean stopped, boolean waitingForWorker, Duration sinceLastPass, String lastError) {
    }

    Liveness liveness() {
        return new Liveness(loop.isShutdown(), waitingForWorker, Duration.ofNanos(System.nanoTime() - lastPass), lastError);
    }

    private void runThenFree(ClaimedJob job) {
        try {
            runAndRecord(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "job %s failed unexpectedly; its lease will let it run again", job.id());
        } finally {
            inHand.remove(job.id());
            slots.release();
            wake();
        }
    }

    private Void runAndRecord(ClaimedJob job) throws InterruptedException {
        Instant started = clock.instant();
        Map<String, Object> facts = new LinkedHashMap<>();
        AtomicBoolean beganSending = new AtomicBoolean();
        ActionOutcome outcome = run(job, started, facts, beganSending);
        recordUntilStored(job, outcome, started, beganSending.get());
        if (outcome.status() == ActionOutcome.Status.DONE && facts.get("event") instanceof Map<?, ?> event
                && event.get("receivedAt") instanceof Instant receivedAt) {
            // A clock set behind the receipt (a test's fixed clock, a host's clock step) is no latency.
            Duration latency = Duration.between(receivedAt, clock.instant());
            if (!latency.isNegative()) {
                latency(job.kind()).record(latency);
            }
        }
        return null;
    }

    /** Runs the job; {@code facts} receives the facts it ran with, {@code beganSending} whether it wrote a sending mark. */
    private ActionOutcome run(ClaimedJob job, Instant now, Map<String, Object> facts, AtomicBoolean beganSending) {
        ActionRunner runner = ActionKind.byKey(job.kind()).map(byKind::get).orElse(null);
        if (runner == null) {
            return ActionOutcome.failed("no runner for action '" + job.kind() + "'");
        }
        if (job.sendingSince() != null) {
            metrics.counter("truust.actions.in.doubt", "kind", job.kind()).increment();
            LOG.warnf("job %s is in doubt: an attempt began sending at %s and its instance stopped", job.id(), job.sendingSince());
            return ActionOutcome.failed(IN_DOUBT.formatted(job.sendingSince()));
        }
        try {
            Map<String, Object> spec = json.readValue(job.spec(), MAP);
            facts.putAll(jobFacts.of(job, now));
            String unsendable = unsendableLaterMail(job, facts);
            if (unsendable != null) {
                return ActionOutcome.failed(unsendable);
            }
            ActionContext context = new ActionContext(job.id(), job.idempotencyKey(), job.ruleId(), job.eventId(),
                    job.attempts(), spec, facts, now, () -> {
                        markSending(job);
                        beganSending.set(true);
                    });
            return runner.run(context);
        } catch (SendingNotRecorded e) {
            LOG.warnf("job %s not sent: %s", job.id(), e.getMessage());
            return ActionOutcome.retry(e.getMessage());
        } catch (Exception e) {
            // A runner answers the failures it expects with an outcome; anything thrown is a bug or a
            // broken job, retried like a failure but never silently.
            metrics.counter("truust.actions.errors", "kind", job.kind()).increment();
            LOG.errorf(e, "job %s (%s, rule %s, attempt %d) threw; it will be retried", job.id(), job.kind(), job.ruleId(),
                    job.attempts());
            return ActionOutcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Why a later mail of the firing can never be sent, or null. Checked before each earlier action, so
     * that no promo code is taken (and nothing else done) for a mail whose recipients the event data
     * already made invalid; the job fails for good with the reason.
     */
    private String unsendableLaterMail(ClaimedJob job, Map<String, Object> facts) throws SQLException, JsonProcessingException {
        if (!job.hasLaterActions()) {
            return null;
        }
        for (ActionJobs.LaterMail mail : transactions.commitRedoable(c -> ActionJobs.laterMails(c, job))) {
            try {
                Recipients.checkAhead(json.readValue(mail.spec(), MAP), facts);
            } catch (jakarta.mail.internet.AddressException e) {
                return "not run: the firing's " + mail.kind() + " (action index " + mail.index() + ") can never be sent: "
                        + "invalid address: " + e.getMessage();
            }
        }
        return null;
    }

    /** Writes the sending mark down (flushed: it must outlive a crash that comes right after it). */
    private void markSending(ClaimedJob job) {
        boolean marked;
        try {
            marked = transactions.commit(c -> ActionJobs.markSending(c, job, clock.instant()));
        } catch (SQLException e) {
            throw new SendingNotRecorded("could not write down that the attempt begins sending: " + e.getMessage(), e);
        }
        if (!marked) {
            throw new SendingNotRecorded("the job was taken over by another instance before it was sent", null);
        }
    }

    /** The sending mark could not be written: an expected, retryable failure rather than a runner bug. */
    private static final class SendingNotRecorded extends IllegalStateException {
        SendingNotRecorded(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** From receipt of the event to the action done (for e-mail: accepted by the SMTP server). */
    private Timer latency(String kind) {
        return Timer.builder("truust.actions.latency").tag("kind", kind).publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram().register(metrics);
    }

    /**
     * The action has happened: letting its outcome go because the database is away would run it again
     * once the lease ends. So the outcome is held and recorded again, with growing pauses, until it is
     * stored or the dispatcher stops. Recording is idempotent (see ActionJobs), so a commit that did
     * land although it reported an error is not applied twice.
     */
    private void recordUntilStored(ClaimedJob job, ActionOutcome outcome, Instant started, boolean flush)
            throws InterruptedException {
        Duration pause = RECORD_PAUSE;
        for (int tries = 1;; tries++) {
            try {
                record(job, outcome, started, flush);
                if (tries > 1) {
                    LOG.infof("outcome of job %s recorded after %d tries", job.id(), tries);
                }
                return;
            } catch (SQLException | RuntimeException e) {
                if (loop.isShutdown()) {
                    LOG.warnf("stopping: outcome of job %s not recorded; its lease will let it run again: %s", job.id(), e.getMessage());
                    return;
                }
                LOG.warnf("outcome of job %s not recorded yet (try %d), trying again in %d ms: %s", job.id(), tries,
                        pause.toMillis(), e.getMessage());
                metrics.counter("truust.actions.record.retries", "kind", job.kind()).increment();
                Thread.sleep(pause.toMillis());
                pause = pause.multipliedBy(2);
                if (pause.compareTo(RECORD_PAUSE_MAX) > 0) {
                    pause = RECORD_PAUSE_MAX;
                }
            }
        }
    }

    /**
     * Commits the outcome. Flushed (H2's checkpoint, PostgreSQL's WAL flush) only after a sending mark:
     * that attempt's outcome must not be lost, or the job would be reported in doubt. Any other outcome
     * lost in a crash just lets the job run again when its lease ends, as a crash just before this commit
     * does (runners make that harmless), and the next flushed commit writes it out with its own.
     */
    private void record(ClaimedJob job, ActionOutcome outcome, Instant started, boolean flush) throws SQLException {
        Instant now = clock.instant();
        Transactions.Work<String> work = c -> {
            if (!flush) {
                ActionJobs.withoutWaitingForWal(c);
            }
            String attempt = outcome.status().name();
            if (!apply(c, job, outcome, now)) {
                LOG.warnf("job %s was no longer held by this attempt when its outcome (%s) came to be recorded",
                        job.id(), attempt);
            }
            ActionJobs.recordAttempt(c, job, started, now, attempt, outcome.error());
            return attempt;
        };
        String recorded = flush ? transactions.commit(work) : transactions.commitRedoable(work);
        metrics.counter("truust.actions", "kind", job.kind(), "outcome", recorded.toLowerCase()).increment();
    }

    /** Writes the job's new state; false when the job is no longer this claim's. */
    private boolean apply(Connection c, ClaimedJob job, ActionOutcome outcome, Instant now) throws SQLException {
        if (outcome.status() == ActionOutcome.Status.DONE) {
            return ActionJobs.done(c, job, toJson(outcome.result()), now);
        }
        if (outcome.status() == ActionOutcome.Status.FAILED) {
            return ActionJobs.dead(c, job, outcome.error(), now);
        }
        if (job.attempts() >= config.actions().maxAttempts()) {
            return ActionJobs.dead(c, job, "gave up after " + job.attempts() + " attempts: " + outcome.error(), now);
        }
        return ActionJobs.retryAt(c, job, outcome.error(), now.plus(backoff(job.attempts(), outcome.retryAfter())), now);
    }

    /** Exponential backoff with ±20 % jitter, so that many failed jobs do not all come back at once. */
    Duration backoff(int attempts, Duration retryAfter) {
        long initial = config.actions().backoffInitial().toMillis();
        long max = config.actions().backoffMax().toMillis();
        long exponential = attempts >= 40 ? max : Math.min(max, initial << Math.min(attempts - 1, 40));
        long jittered = (long) (exponential * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        Duration delay = Duration.ofMillis(Math.min(max, jittered));
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private String toJson(Map<String, Object> result) {
        try {
            return json.writeValueAsString(result == null ? Map.of() : result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action result is not serialisable", e);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
