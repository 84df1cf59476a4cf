package com.truustrules.bench;

import com.truustrules.rule.ActionKind;
import com.truustrules.rule.ActionSpec;
import com.truustrules.rule.EventFacts;
import com.truustrules.rule.Evaluation;
import com.truustrules.rule.Offer;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleSet;
import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The corpus as a truust-rules RuleSet, built through the public API. Built directly rather than
 * from YAML files because the loader accepts only the 9 event types Truust is known to send
 * (plus 'unknown'), and the scenario asks for 10; compilation is the same Expression.compile.
 */
final class TruustSide {

    /** The fact names a rule file may use (RuleFileReader's list). */
    private static final Set<String> FACTS = Set.of("event", "escrow", "payin", "payout", "payload", "offers", "now",
            "order");
    private static final List<ActionSpec> LOG = List.of(
            new ActionSpec(0, ActionKind.LOG, Map.of("message", "matched {event.id}"), null));

    private TruustSide() {
    }

    static RuleSet ruleSet() {
        List<Rule> rules = new ArrayList<>();
        for (RuleCorpus.Spec spec : RuleCorpus.rules()) {
            rules.add(new Rule(spec.id(), "v1", spec.type() + ".yaml", 1, null, true, Set.of(spec.type()), null,
                    compile(spec), spec.priority(), null, null, LOG));
        }
        return new RuleSet(rules, offers(), "bench", Instant.EPOCH);
    }

    static Map<String, Object> facts(RuleSet rules) {
        return EventFacts.of(RuleCorpus.EVENT_ID, RuleCorpus.EVENT_TYPE, RuleCorpus.RECEIVED_AT, RuleCorpus.BODY, rules,
                RuleCorpus.NOW);
    }

    /** Fails the run unless the engine gives exactly the expected matches, with no error. */
    static void check(RuleSet rules, Map<String, Object> facts) {
        List<Evaluation> evaluations = RuleEngine.evaluate(rules, RuleCorpus.EVENT_TYPE, facts);
        Set<String> matched = new TreeSet<>();
        for (Evaluation evaluation : evaluations) {
            if (evaluation.outcome() == Evaluation.Outcome.ERROR) {
                throw new IllegalStateException(evaluation.rule() + ": " + evaluation.error());
            }
            if (evaluation.outcome() == Evaluation.Outcome.MATCHED) {
                matched.add(evaluation.rule());
            }
        }
        Checks.same("truust-rules", RuleCorpus.RULES_PER_TYPE, evaluations.size(), matched);
    }

    private static Expression compile(RuleCorpus.Spec spec) {
        try {
            return Expression.compile(spec.when(), FACTS);
        } catch (ExpressionException e) {
            throw new IllegalStateException(spec.id() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Offer> offers() {
        Map<String, Offer> offers = new LinkedHashMap<>();
        RuleCorpus.offerStarts().forEach((name, start) -> offers.put(name, new Offer(name, start,
                start.plus(Duration.ofDays(4)))));
        return offers;
    }
}
