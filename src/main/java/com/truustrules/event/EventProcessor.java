package com.truustrules.event;

import com.truustrules.common.TruustAnswered;
import com.truustrules.config.TruustConfig;
import com.truustrules.db.Transactions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Decides where stored events get their rule run ({@link EventRuns}) and runs the claiming side.
 *
 * <p>Most events are processed in the very transaction that stores them ({@link #processNew}, handed
 * to {@link EventStore} by {@link EventWriter}): one commit and no second write of the event row,
 * which halves what a webhook costs. Events that could not be processed there (processing off at the
 * time, a lost race with another instance, a failure) stay RECEIVED and are claimed here on the
 * {@code event-processor} thread, woken after such a commit and by a sweep, with SKIP LOCKED so that
 * instances sharing one PostgreSQL never take the same event. A person's replay runs the same code.
 */
@Startup
@ApplicationScoped
public class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class);

    @Inject
    Transactions transactions;

    @Inject
    EventRuns runs;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicBoolean truustAnswered = new AtomicBoolean();
    /** The latest {@link TruustAnswered#heldBefore()}: PENDING events due by then were held before an answer. */
    private final AtomicReference<Instant> heldBefore = new AtomicReference<>();
    private volatile long busySince;
    private ExecutorService worker;

    @PostConstruct
    void start() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "event-processor");
            thread.setDaemon(true);
            return thread;
        });
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** What a replay did: the evaluations and the event's status after it. */
    public record Replayed(List<?> evaluations, EventStatus status, String error) {
    }

    /** Whether events about to be stored are to be processed in their storing transaction. */
    public boolean inline() {
        return config.processor().enabled() && config.processor().inline() && !worker.isShutdown();
    }

    /**
     * Runs the rules on events the storing transaction has just inserted as PROCESSED, each in its own
     * savepoint: an event whose run fails is kept RECEIVED with its error for the claiming processor.
     * A rule never costs an event its storage.
     */
    public EventRuns.Batch processNew(Connection c, List<EventRecord> events) throws SQLException {
        return runs.runAll(c, events, EventRuns.Mode.NEW);
    }

    /**
     * After the storing transaction committed: counts, queued work, and a wake if events were left
     * RECEIVED or held PENDING (Truust may have answered while that transaction was still open: its
     * notice found nothing to release, so the drain looks again, see {@link #processBatch}).
     */
    public void committed(EventRuns.Batch batch) {
        runs.committed(batch);
        if (batch.left() > 0 || batch.held() > 0) {
            wake();
        }
    }

    @Scheduled(every = "${truust.processor.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    /** Truust answered a read: events PENDING on it are due now (the next batch releases them). */
    void truustAnswered(@ObservesAsync TruustAnswered answered) {
        heldBefore.accumulateAndGet(answered.heldBefore(), (a, b) -> a == null || b.isAfter(a) ? b : a);
        truustAnswered.set(true);
        wake();
    }

    /** Schedules a drain unless one is already waiting to start. */
    public void wake() {
        if (config.processor().enabled() && !worker.isShutdown() && queued.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                queued.set(false); // shut down meanwhile; what is RECEIVED waits for the next start
            }
        }
    }

    private void drain() {
        queued.set(false);
        busySince = System.currentTimeMillis();
        try {
            while (processBatch() == config.processor().batchSize()) {
                LOG.debug("full batch processed; claiming the next");
                busySince = System.currentTimeMillis();
            }
        } catch (Throwable e) {
            // Only what fails outside an event's own boundary lands here (the claim, the commit, the
            // database itself): the events stay RECEIVED for the next wake or sweep, and this thread lives on.
            metrics.counter("truust.pipeline.errors", "thread", "event-processor").increment();
            LOG.errorf(e, "processing stopped, will retry at the next sweep: %s", e);
        } finally {
            busySince = 0;
        }
    }

    /** When the drain now running began (epoch millis), 0 when idle: for liveness. */
    public long busySince() {
        return busySince;
    }

    /** Processes one batch in one transaction, each event in its own savepoint; returns how many it claimed. */
    int processBatch() throws SQLException {
        EventRuns.Batch batch = transactions.commitRedoable(c -> {
            Instant now = clock.instant();
            Instant answeredFor = heldBefore.get();
            if (truustAnswered.getAndSet(false)) {
                EventRows.releasePending(c, now, null);
            } else if (answeredFor != null && now.isBefore(answeredFor)) {
                // Holds committed after the latest answer's notice but decided before it: due now, not in pending-retry.
                EventRows.releasePending(c, now, answeredFor);
            }
            return runs.runAll(c, EventRows.claim(c, config.processor().batchSize(), clock.instant()), EventRuns.Mode.CLAIMED);
        });
        runs.committed(batch);
        return batch.events();
    }

    /**
     * Re-runs the rules on one PROCESSED, FAILED or UNCONFIRMED event now (an UNCONFIRMED one is checked
     * with Truust again); actions already queued are not queued again. Empty when there is no such
     * event; a RECEIVED or PENDING one belongs to the processor (409).
     */
    public Optional<Replayed> replay(UUID id) throws SQLException {
        return replay(id, null);
    }

    /** As {@link #replay(UUID)} with only the rule {@code onlyRule} (null: every rule): the console's backfill. */
    public Optional<Replayed> replay(UUID id, String onlyRule) throws SQLException {
        Optional<EventRuns.Run> result = transactions.commit(c -> {
            Optional<EventRecord> event = EventRows.lock(c, id);
            if (event.isEmpty()) {
                return Optional.empty();
            }
            EventStatus status = EventRows.status(c, id);
            if (status == EventStatus.RECEIVED || status == EventStatus.PENDING) {
                throw new NotReplayableException(id, status);
            }
            return Optional.of(runs.run(c, event.get(), EventRuns.Mode.REPLAY, onlyRule));
        });
        result.ifPresent(run -> runs.committed(new EventRuns.Batch(0, 0, run.fired())));
        return result.map(run -> new Replayed(run.evaluations(), run.status(), run.error()));
    }

    /** A replay of an event the processor still owns. */
    public static class NotReplayableException extends RuntimeException {
        NotReplayableException(UUID id, EventStatus status) {
            super("event " + id + " is " + status + ": the processor runs it (again) by itself; replay is for PROCESSED, "
                    + "FAILED and UNCONFIRMED events");
        }
    }
}
