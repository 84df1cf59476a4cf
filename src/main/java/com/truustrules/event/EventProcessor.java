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
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the rules on stored events. Woken after each group commit and by a sweep; claims events
 * with SKIP LOCKED so instances sharing one PostgreSQL never take the same event; records every
 * evaluation, queues the actions and marks the events processed in one transaction.
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

    void onStored(@ObservesAsync EventsStored stored) {
        wake();
    }

    @Scheduled(every = "${truust.processor.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    /** Schedules a drain unless one is already waiting to start. */
    public void wake() {
        if (config.processor().enabled() && !worker.isShutdown() && queued.compareAndSet(false, true)) {
            worker.execute(this::drain);
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
                fired[0] += fired(process(c, rules, event));
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
            return event.isEmpty() ? Optional.empty() : Optional.of(process(c, registry.active(), event.get()));
        });
        if (result.map(EventProcessor::fired).orElse(0) > 0) {
            actionsQueued.fireAsync(new ActionsQueued(fired(result.get())));
        }
        return result;
    }

    private List<Evaluation> process(Connection c, RuleSet rules, ClaimedEvent event) throws SQLException {
        Instant now = clock.instant();
        var facts = EventFacts.of(event.id().toString(), event.type(), event.receivedAt(), event.body(), rules, now);
        List<Rule> candidates = rules.rulesFor(event.type());
        List<Evaluation> results = new ArrayList<>(candidates.size());
        for (Rule rule : candidates) {
            Evaluation evaluation = RuleEngine.evaluate(rule, facts);
            if (evaluation.outcome() == Evaluation.Outcome.MATCHED) {
                evaluation = firing.settle(c, rule, evaluation, event.id(), now);
            }
            count(evaluation);
            results.add(evaluation);
        }
        EventRows.recordEvaluations(c, Ids.newId(), event.id(), now, rules.version(), toJson(results));
        EventRows.markProcessed(c, event.id(), now);
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
