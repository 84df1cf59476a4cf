package com.truustrules.console.rules;

import com.truustrules.console.events.EventSearch;
import com.truustrules.console.events.Times;
import com.truustrules.event.EventProcessor;
import com.truustrules.event.EventReads;
import com.truustrules.event.EventReads.Listed;
import com.truustrules.common.EventFacts;
import com.truustrules.rule.Evaluation;
import com.truustrules.rule.FiringReads;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one rule over the stored events of a time range. The preview evaluates and reads firing
 * state only; apply replays each event with that rule alone, so once-per, limit and the per-event
 * firing key keep its actions effectively once, as for any firing.
 */
@ApplicationScoped
public class Backfill {

    /** Most events one preview or apply covers; the page says when the range holds more. */
    public static final int MAX_EVENTS = 1000;
    private static final int SAMPLE = 20;

    /** What a preview found. */
    public record Preview(int events, int wouldFire, boolean more, List<BackfillSample> sample) {
    }

    /** What an apply did. */
    public record Applied(int events, int fired, int failed, boolean more) {
    }

    @Inject
    EventReads reads;

    @Inject
    FiringReads firings;

    @Inject
    RuleRegistry registry;

    @Inject
    EventProcessor processor;

    @Inject
    EventSearch search;

    @Inject
    Clock clock;

    public Preview preview(Rule rule, Instant since, Instant until) throws SQLException {
        RuleSet rules = registry.active();
        List<Listed> events = events(rule, since, until);
        List<Listed> covered = events.subList(0, Math.min(events.size(), MAX_EVENTS));
        List<FiringReads.Candidate> candidates = new ArrayList<>(covered.size());
        for (Listed e : covered) {
            candidates.add(new FiringReads.Candidate(evaluate(rules, rule, e), e.id()));
        }
        List<Evaluation> outcomes = firings.preview(rule, candidates);
        int wouldFire = (int) outcomes.stream().filter(o -> o.outcome() == Evaluation.Outcome.MATCHED).count();
        List<BackfillSample> sample = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLE, covered.size()); i++) {
            sample.add(sample(covered.get(i), outcomes.get(i)));
        }
        return new Preview(covered.size(), wouldFire, events.size() > MAX_EVENTS, sample);
    }

    public Applied apply(Rule rule, Instant since, Instant until) throws SQLException {
        List<Listed> events = events(rule, since, until);
        int fired = 0;
        int failed = 0;
        for (Listed e : events.subList(0, Math.min(events.size(), MAX_EVENTS))) {
            var replayed = processor.replay(e.id(), rule.id());
            fired += replayed.map(r -> (int) r.evaluations().stream()
                    .filter(ev -> ev instanceof Evaluation run && run.outcome() == Evaluation.Outcome.FIRED).count()).orElse(0);
            failed += replayed.filter(r -> r.error() != null).isPresent() ? 1 : 0;
        }
        return new Applied(Math.min(events.size(), MAX_EVENTS), fired, failed, events.size() > MAX_EVENTS);
    }

    private Evaluation evaluate(RuleSet rules, Rule rule, Listed e) {
        Instant now = clock.instant();
        Map<String, Object> facts = EventFacts.of(e.id().toString(), e.type(), e.receivedAt(), e.body(), rules.offerFacts(), now);
        return RuleEngine.evaluate(rule, facts);
    }

    private BackfillSample sample(Listed e, Evaluation outcome) {
        return new BackfillSample(e.id().toString(), Times.text(e.receivedAt()), search.orderId(e.body()),
                outcome.oncePer() == null ? "" : outcome.oncePer(), outcome.outcome().name(),
                outcome.reason() == null ? "" : outcome.reason());
    }

    /**
     * Processed events of the rule's types in the range, oldest first, one more than the bound so the
     * page can say there are more. RECEIVED ones are left to the processor and FAILED ones to a full
     * Replay: a run of one rule must not mark an event processed while another rule still fails on it.
     */
    private List<Listed> events(Rule rule, Instant since, Instant until) throws SQLException {
        Set<String> types = rule.on().contains(Rule.ANY_TYPE) ? Set.of() : Set.copyOf(rule.on());
        return reads.processed(types, since, until, MAX_EVENTS + 1);
    }
}
