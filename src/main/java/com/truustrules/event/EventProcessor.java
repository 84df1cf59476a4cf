package com.truustrules.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionsQueued;
import com.truustrules.common.Ids;
import com.truustrules.config.TruustConfig;
import com.truustrules.rule.EventFacts;
import com.truustrules.rule.Evaluation;
import com.truustrules.rule.FiringState;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.RuleSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the rules on stored events and records every evaluation, queues the actions and marks the
 * events processed in one transaction.
 *
 * <p>Most events are processed in the very transaction that stores them ({@link #processStored}):
 * one commit and no second write of the event row, which halves what a webhook costs. Events that
 * could not be processed there (processing off at the time, a lost race with another instance, a
 * failure) stay RECEIVED and are claimed here, woken after such a commit and by a sweep, with SKIP
 * LOCKED so that instances sharing one PostgreSQL never take the same event.
 *
 * <p>Each event runs in a savepoint of its own, and each matched rule's firing in one within it: a
 * failure is recorded on that event (attempts, error) and never holds back the others. A failed run
 * is tried again after a doubling backoff, and after {@code max-attempts} runs the event is FAILED
 * until a person replays it.
 */
@Startup
@ApplicationScoped
public class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class);

    @Inject
    Transactions transactions;

    @Inject
    RuleRegistry registry;

    @Inject
    FiringState firing;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<ActionsQueued> actionsQueued;

    /** The longest error text kept on an event. */
    private static final int MAX_ERROR = 2000;

    private final AtomicBoolean queued = new AtomicBoolean();
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

    /** What processing in the storing transaction did: events processed there, left RECEIVED, actions fired. */
    public record Inline(int processed, int left, int fired) {
        /** Nothing was tried: the events stay RECEIVED for the claiming processor. */
        public static Inline left(int events) {
            return new Inline(0, events, 0);
        }
    }

    /** One event's rule run: its evaluations, the actions it fired, and why it failed (null: it did not). */
    record Run(List<Evaluation> evaluations, int fired, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    /** Where a run comes from: a new event in its storing transaction, a claimed one, a person's replay. */
    private enum Mode {
        NEW, CLAIMED, REPLAY
    }

    /** What a replay did: the evaluations and the event's status after it. */
    public record Replayed(List<Evaluation> evaluations, EventStatus status, String error) {
    }

    /** Whether events about to be stored are to be processed in their storing transaction. */
    public boolean inline() {
        return config.processor().enabled() && config.processor().inline() && !worker.isShutdown();
    }

    /**
     * Runs the rules on events this transaction has just inserted as PROCESSED, each in its own
     * savepoint: an event whose run fails is kept RECEIVED with its error for the claiming processor,
     * and the others of the batch are processed all the same. A rule never costs an event its storage.
     */
    public Inline processStored(Connection c, List<ClaimedEvent> events) throws SQLException {
        RuleSet rules = registry.active();
        int fired = 0;
        int failed = 0;
        for (ClaimedEvent event : events) {
            Run run = process(c, rules, event, Mode.NEW);
            fired += run.fired();
            failed += run.failed() ? 1 : 0;
        }
        return new Inline(events.size() - failed, failed, fired);
    }

    /** After the storing transaction committed: counts, and wakes whoever has work now. */
    public void committed(Inline run) {
        if (run.processed() > 0) {
            metrics.counter("truust.events.processed").increment(run.processed());
        }
        if (run.fired() > 0) {
            actionsQueued.fireAsync(new ActionsQueued(run.fired()));
        }
        if (run.left() > 0) {
            wake();
        }
    }

    @Scheduled(every = "${truust.processor.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
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
        int[] counts = {0, 0};
        int claimed = transactions.commitRedoable(c -> {
            List<ClaimedEvent> events = EventRows.claim(c, config.processor().batchSize(), clock.instant());
            RuleSet rules = registry.active();
            for (ClaimedEvent event : events) {
                Run run = process(c, rules, event, Mode.CLAIMED);
                counts[0] += run.fired();
                counts[1] += run.failed() ? 1 : 0;
            }
            return events.size();
        });
        if (claimed > counts[1]) {
            metrics.counter("truust.events.processed").increment(claimed - counts[1]);
        }
        if (counts[0] > 0) {
            actionsQueued.fireAsync(new ActionsQueued(counts[0]));
        }
        return claimed;
    }

    /**
     * Re-runs the rules on one PROCESSED or FAILED event now; actions already queued are not queued
     * again. Empty when there is no such event; a RECEIVED one belongs to the processor (409).
     */
    public Optional<Replayed> replay(UUID id) throws SQLException {
        return replay(id, registry.active());
    }

    /** As {@link #replay(UUID)} with only the given rules: the console's backfill of one rule runs no other. */
    public Optional<Replayed> replay(UUID id, RuleSet rules) throws SQLException {
        Optional<Replayed> result = transactions.commit(c -> {
            Optional<ClaimedEvent> event = EventRows.lock(c, id);
            if (event.isEmpty()) {
                return Optional.empty();
            }
            EventStatus status = EventRows.status(c, id);
            if (status == EventStatus.RECEIVED) {
                throw new NotReplayableException(id);
            }
            Run run = process(c, rules, event.get(), Mode.REPLAY);
            return Optional.of(new Replayed(run.evaluations(), run.failed() ? EventStatus.FAILED : EventStatus.PROCESSED,
                    run.failure()));
        });
        int fired = result.map(r -> fired(r.evaluations())).orElse(0);
        if (fired > 0) {
            actionsQueued.fireAsync(new ActionsQueued(fired));
        }
        return result;
    }

    /** A replay of an event the processor still owns. */
    public static class NotReplayableException extends RuntimeException {
        NotReplayableException(UUID id) {
            super("event " + id + " is RECEIVED: the processor runs it (again) by itself; replay is for PROCESSED and "
                    + "FAILED events");
        }
    }

    /**
     * One event's run inside its own savepoint, and its outcome written on the event. Whatever the
     * rules or the database throw for this event (even an Error) stays with this event.
     */
    private Run process(Connection c, RuleSet rules, ClaimedEvent event, Mode mode) throws SQLException {
        Instant now = clock.instant();
        Savepoint start = c.setSavepoint();
        Run run;
        try {
            run = evaluate(c, rules, event, mode == Mode.NEW, now);
        } catch (Throwable e) {
            c.rollback(start);
            LOG.errorf(e, "the rules could not run on event %s (%s)", event.id(), event.type());
            run = new Run(List.of(), 0, "the rules could not run: " + describe(e));
        }
        c.releaseSavepoint(start);
        record(c, event, run, mode, now);
        return run;
    }

    /**
     * Evaluates, records the evaluations and settles each matched rule in a savepoint of its own, so
     * that a rule the database refuses is that rule's ERROR; {@code isNew}: this transaction inserted
     * the event, already PROCESSED, so nothing fired for it yet.
     */
    private Run evaluate(Connection c, RuleSet rules, ClaimedEvent event, boolean isNew, Instant now) throws SQLException {
        var facts = EventFacts.of(event.id().toString(), event.type(), event.receivedAt(), event.body(), rules, now);
        List<Rule> candidates = rules.rulesFor(event.type());
        List<Evaluation> results = new ArrayList<>(candidates.size());
        for (Rule rule : candidates) {
            Evaluation evaluation = RuleEngine.evaluate(rule, facts);
            if (evaluation.outcome() == Evaluation.Outcome.MATCHED) {
                evaluation = settle(c, rule, evaluation, event, isNew, now);
            }
            count(evaluation);
            results.add(evaluation);
        }
        EventRows.recordEvaluations(c, Ids.newId(), event.id(), now, rules.version(), toJson(results));
        return new Run(results, fired(results), failure(results));
    }

    private Evaluation settle(Connection c, Rule rule, Evaluation matched, ClaimedEvent event, boolean isNew, Instant now)
            throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            Evaluation settled = firing.settle(c, rule, matched, event.id(), isNew, now);
            c.releaseSavepoint(before);
            return settled;
        } catch (Throwable e) {
            // A lost race on a once-per key with another instance lands here too: the retry sees it fired.
            c.rollback(before);
            c.releaseSavepoint(before);
            LOG.errorf(e, "rule %s matched event %s but its firing could not be recorded", rule.id(), event.id());
            return new Evaluation(matched.rule(), matched.version(), Evaluation.Outcome.ERROR,
                    "matched, but the firing could not be recorded", matched.read(), matched.oncePer(), describe(e));
        }
    }

    /** Writes the run's outcome on the event: PROCESSED, RECEIVED again after a backoff, or FAILED. */
    private void record(Connection c, ClaimedEvent event, Run run, Mode mode, Instant now) throws SQLException {
        if (!run.failed()) {
            if (mode != Mode.NEW) {
                EventRows.markProcessed(c, event.id(), now);
            }
            return;
        }
        int attempts = event.attempts() + 1;
        boolean last = mode == Mode.REPLAY || attempts >= config.processor().maxAttempts();
        EventRows.markRunFailed(c, event.id(), attempts, run.failure(), last ? null : now.plus(backoff(attempts)));
        metrics.counter("truust.events.run.failures").increment();
        if (last) {
            metrics.counter("truust.events.failed").increment();
        }
        LOG.warnf("rule run %d of event %s failed%s: %s", attempts, event.id(),
                last ? ", event marked FAILED until replayed" : ", will try again", run.failure());
    }

    /** The retry backoff, doubled per further run, at most 64 times the first. */
    private Duration backoff(int attempts) {
        return config.processor().retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 6));
    }

    /** What failed in a run, by rule: the event's error; null when every rule ran. */
    private static String failure(List<Evaluation> results) {
        List<String> failed = results.stream().filter(e -> e.outcome() == Evaluation.Outcome.ERROR)
                .map(e -> "rule " + e.rule() + ": " + e.error()).toList();
        return failed.isEmpty() ? null : clip(String.join("; ", failed));
    }

    private static String describe(Throwable e) {
        return clip(e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
    }

    private static int fired(List<Evaluation> evaluations) {
        return (int) evaluations.stream().filter(e -> e.outcome() == Evaluation.Outcome.FIRED).count();
    }

    private void count(Evaluation evaluation) {
        if (evaluation.outcome() == Evaluation.Outcome.FIRED || evaluation.outcome() == Evaluation.Outcome.ERROR) {
            metrics.counter("truust.rules." + evaluation.outcome().name().toLowerCase(), "rule", evaluation.rule()).increment();
        }
    }

    private String toJson(List<Evaluation> results) {
        try {
            return json.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluations are not serialisable", e);
        }
    }
}
