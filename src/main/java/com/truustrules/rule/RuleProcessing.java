package com.truustrules.rule;

import com.truustrules.action.ActionsQueued;
import com.truustrules.common.EventFacts;
import com.truustrules.common.Failures;
import com.truustrules.event.EventRecord;
import com.truustrules.event.InCommitProcessing;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The rules' part of an event's processing, inside the transaction that stores, claims or replays
 * it: evaluate every rule for its type, settle each match's once-per and limit and record its firing
 * with its action jobs ({@link FiringState}), and tell the dispatcher once committed.
 */
@ApplicationScoped
public class RuleProcessing implements InCommitProcessing {

    private static final Logger LOG = Logger.getLogger(RuleProcessing.class);

    @Inject
    RuleRegistry registry;

    @Inject
    FiringState firing;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<ActionsQueued> actionsQueued;

    @Override
    public Outcome process(Connection c, EventRecord event, boolean isNew, Instant now, String onlyRule)
            throws SQLException {
        RuleSet rules = onlyRule == null ? registry.active() : registry.active().only(onlyRule);
        Map<String, Object> facts = EventFacts.of(event.id().toString(), event.type(), event.receivedAt(), event.body(),
                rules.offerFacts(), now);
        List<Evaluation> results = RuleEngine.evaluate(rules, event.type(), facts,
                (rule, matched) -> settle(c, rule, matched, event, isNew, now));
        results.forEach(this::count);
        return new Outcome(rules.version(), results, fired(results), failure(results));
    }

    @Override
    public void committed(int fired) {
        if (fired > 0) {
            actionsQueued.fireAsync(new ActionsQueued(fired));
        }
    }

    /**
     * Settles one match in a savepoint of its own, so that a firing the database refuses is that
     * rule's ERROR; on PostgreSQL the transaction would otherwise be aborted for every later event.
     */
    private Evaluation settle(Connection c, Rule rule, Evaluation matched, EventRecord event, boolean isNew, Instant now)
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
                    "matched, but the firing could not be recorded", matched.read(), matched.oncePer(), Failures.describe(e));
        }
    }

    /** What failed in a run, by rule: the event's error; null when every rule ran. */
    private static String failure(List<Evaluation> results) {
        List<String> failed = results.stream().filter(e -> e.outcome() == Evaluation.Outcome.ERROR)
                .map(e -> "rule " + e.rule() + ": " + e.error()).toList();
        return failed.isEmpty() ? null : String.join("; ", failed);
    }

    private static int fired(List<Evaluation> evaluations) {
        return (int) evaluations.stream().filter(e -> e.outcome() == Evaluation.Outcome.FIRED).count();
    }

    private void count(Evaluation evaluation) {
        if (evaluation.outcome() == Evaluation.Outcome.FIRED || evaluation.outcome() == Evaluation.Outcome.ERROR) {
            metrics.counter("truust.rules." + evaluation.outcome().name().toLowerCase(), "rule", evaluation.rule()).increment();
        }
    }
}
