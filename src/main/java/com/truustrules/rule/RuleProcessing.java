package com.truustrules.rule;

import com.truustrules.action.ActionsQueued;
import com.truustrules.common.EventFacts;
import com.truustrules.common.Failures;
import com.truustrules.config.TruustConfig;
import com.truustrules.event.EventRecord;
import com.truustrules.event.InCommitProcessing;
import com.truustrules.truust.Enrichment;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.nio.file.Path;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.jboss.logging.Logger;

/**
 * The rules' part of an event's processing, inside the transaction that stores, claims or replays
 * it: ask Truust's API for what the rules read and for confirmation ({@link Enrichment}; a PENDING or
 * UNCONFIRMED verdict holds the event and no rule runs), evaluate every rule for its type, settle each
 * match's once-per and limit and record its firing with its action jobs ({@link FiringState}), and
 * tell the dispatcher once committed.
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

    @Inject
    Enrichment enrichment;

    @Inject
    TruustConfig config;

    /** Which of order, buyer and seller each rule reads (from its expressions, texts and templates), once per rule. */
    private final Map<Rule, Set<String>> needs = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public Outcome process(Connection c, EventRecord event, boolean isNew, Instant now, String onlyRule, boolean replay)
            throws SQLException {
        RuleSet rules = onlyRule == null ? registry.active() : registry.active().only(onlyRule);
        Map<String, Object> facts = EventFacts.of(event.id().toString(), event.type(), event.receivedAt(), event.body(),
                rules.offerFacts(), now);
        List<Rule> candidates = rules.rulesFor(event.type());
        // A replay believes only what Truust says from now on: it was asked for because Truust may have changed its mind.
        Enrichment.Outcome enriched = enrichment.enrich(event.type(), replay ? now : event.receivedAt(), facts,
                !candidates.isEmpty(), needsOf(candidates));
        if (enriched instanceof Enrichment.Pending pending) {
            return Outcome.held(rules.version(), new InCommitProcessing.Pending(pending.reason(), pending.retryAt()));
        }
        if (enriched instanceof Enrichment.Unconfirmed unconfirmed) {
            return Outcome.held(rules.version(), new InCommitProcessing.Unconfirmed(unconfirmed.reason()));
        }
        Map<String, Object> kept = ((Enrichment.Enriched) enriched).facts();
        facts.putAll(kept);
        List<Evaluation> results = RuleEngine.evaluate(rules, event.type(), facts,
                (rule, matched) -> settle(c, rule, matched, event, isNew, now));
        results.forEach(this::count);
        return new Outcome(rules.version(), results, fired(results), failure(results), kept, null);
    }

    /** Which of Truust's facts (order, buyer, seller) any of these rules reads. */
    private Set<String> needsOf(List<Rule> rules) {
        Path templates = Path.of(config.rules().dir()).resolve("templates");
        Set<String> all = new HashSet<>();
        for (Rule rule : rules) {
            all.addAll(needs.computeIfAbsent(rule, r -> FactNeeds.of(r, templates)));
        }
        return all;
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
