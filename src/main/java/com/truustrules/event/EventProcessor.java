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

    private final AtomicBoolean queued = new AtomicBoolean();
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

    /** Whether events about to be stored are to be processed in their storing transaction. */
    public boolean inline() {
        return config.processor().enabled() && config.processor().inline() && !worker.isShutdown();
    }

    /**
     * Runs the rules on events this transaction has just inserted as PROCESSED. On any failure it
     * rolls back to where it began and marks them RECEIVED again, so a rule never costs an event its
     * storage: the claiming processor takes them up after the commit.
     */
    public Inline processStored(Connection c, List<ClaimedEvent> events) throws SQLException {
        Savepoint start = c.setSavepoint();
        try {
            RuleSet rules = registry.active();
            int fired = 0;
            for (ClaimedEvent event : events) {
                fired += fired(process(c, rules, event, true));
            }
            return new Inline(events.size(), 0, fired);
        } catch (SQLException | RuntimeException e) {
            // A lost race on a once-per key with another instance lands here too: rare, and worth a line.
            LOG.infof("processing %d new event(s) in their storing transaction failed, left to the processor: %s",
                    events.size(), e.getMessage());
            c.rollback(start);
            EventRows.markReceived(c, events.stream().map(ClaimedEvent::id).toList());
            return Inline.left(events.size());
        }
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
        try {
            while (processBatch() == config.processor().batchSize()) {
                LOG.debug("full batch processed; claiming the next");
            }
        } catch (SQLException | RuntimeException e) {
            // A lost race on a unique key (another instance fired first) lands here too; the events stay
            // RECEIVED and are claimed again by the next wake or sweep.
            LOG.warnf("processing stopped, will retry: %s", e.getMessage());
        }
    }

    /** Processes one batch in one transaction; returns how many events it claimed. */
    int processBatch() throws SQLException {
        int[] fired = {0};
        int claimed = transactions.commitRedoable(c -> {
            List<ClaimedEvent> events = EventRows.claim(c, config.processor().batchSize());
            RuleSet rules = registry.active();
            for (ClaimedEvent event : events) {
                fired[0] += fired(process(c, rules, event, false));
            }
            return events.size();
        });
        metrics.counter("truust.events.processed").increment(claimed);
        if (fired[0] > 0) {
            actionsQueued.fireAsync(new ActionsQueued(fired[0]));
        }
        return claimed;
    }

    /** Re-runs the rules on one event now, whatever its status; actions already queued are not queued again. */
    public Optional<List<Evaluation>> replay(UUID id) throws SQLException {
        Optional<List<Evaluation>> result = transactions.commit(c -> {
            Optional<ClaimedEvent> event = EventRows.lock(c, id);
            return event.isEmpty() ? Optional.empty() : Optional.of(process(c, registry.active(), event.get(), false));
        });
        if (result.map(EventProcessor::fired).orElse(0) > 0) {
            actionsQueued.fireAsync(new ActionsQueued(fired(result.get())));
        }
        return result;
    }

    /**
     * Evaluates, records and marks the event processed; {@code isNew}: this transaction inserted it,
     * already PROCESSED, so nothing fired for it yet and its row needs no second write.
     */
    private List<Evaluation> process(Connection c, RuleSet rules, ClaimedEvent event, boolean isNew) throws SQLException {
        Instant now = clock.instant();
        var facts = EventFacts.of(event.id().toString(), event.type(), event.receivedAt(), event.body(), rules, now);
        List<Rule> candidates = rules.rulesFor(event.type());
        List<Evaluation> results = new ArrayList<>(candidates.size());
        for (Rule rule : candidates) {
            Evaluation evaluation = RuleEngine.evaluate(rule, facts);
            if (evaluation.outcome() == Evaluation.Outcome.MATCHED) {
                evaluation = firing.settle(c, rule, evaluation, event.id(), isNew, now);
            }
            count(evaluation);
            results.add(evaluation);
        }
        EventRows.recordEvaluations(c, Ids.newId(), event.id(), now, rules.version(), toJson(results));
        if (!isNew) {
            EventRows.markProcessed(c, event.id(), now);
        }
        return results;
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
