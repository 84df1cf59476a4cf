package com.truustrules.rule;

import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rules for one event type against one set of facts. Each rule runs inside its own
 * error boundary: an exception is that rule's ERROR outcome, never the event's or another rule's.
 */
public final class RuleEngine {

    private RuleEngine() {
    }

    public static List<Evaluation> evaluate(RuleSet rules, String type, Map<String, Object> facts) {
        List<Rule> candidates = rules.rulesFor(type);
        List<Evaluation> evaluations = new ArrayList<>(candidates.size());
        for (Rule rule : candidates) {
            evaluations.add(evaluate(rule, facts));
        }
        return evaluations;
    }

    public static Evaluation evaluate(Rule rule, Map<String, Object> facts) {
        Expression.Reading reading = rule.when() == null ? null : rule.when().read(facts);
        Map<String, Object> read = recorded(reading);
        try {
            boolean holds = reading == null || reading.test();
            if (!holds) {
                return new Evaluation(rule.id(), rule.version(), Evaluation.Outcome.NOT_MATCHED, "'when' is false", read,
                        null, null);
            }
            String reason = rule.when() == null ? "no 'when': every event matches" : "'when' is true";
            return new Evaluation(rule.id(), rule.version(), Evaluation.Outcome.MATCHED, reason, read, oncePer(rule, facts),
                    null);
        } catch (ExpressionException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Evaluation(rule.id(), rule.version(), Evaluation.Outcome.ERROR, "evaluation failed", read, null, message);
        }
    }

    private static String oncePer(Rule rule, Map<String, Object> facts) throws ExpressionException {
        if (rule.oncePer() == null) {
            return null;
        }
        Object value = rule.oncePer().evaluate(facts);
        if (value == null || value.toString().isBlank()) {
            throw new IllegalArgumentException("'once-per' is empty for this event: " + rule.oncePer().source());
        }
        return value.toString();
    }

    /** The values the condition read, for the record; nested objects are named, not copied. */
    private static Map<String, Object> recorded(Expression.Reading reading) {
        if (reading == null) {
            return Map.of();
        }
        return reading.values(value ->
                value instanceof Map || value instanceof List ? "(" + value.getClass().getSimpleName() + ")" : value);
    }
}
