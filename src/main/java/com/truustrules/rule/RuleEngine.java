package com.truustrules.rule;

import com.truustrules.rule.expr.EvaluationTimeoutException;
import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rules for one event type against one set of facts: the one evaluate loop, used by
 * the in-commit processing, the dry run and the CLI's {@code test}, which differ only in how they
 * settle a match. Each rule runs inside its own error boundary: an exception is that rule's ERROR
 * outcome, never the event's or another rule's.
 */
public final class RuleEngine {

    /** Characters of a text value kept in an evaluation's record of what its condition read. */
    static final int MAX_RECORDED_TEXT = 1000;

    private RuleEngine() {
    }

    /** What a MATCHED evaluation comes to: fired (in a commit), previewed (dry run), or left as it is. */
    @FunctionalInterface
    public interface Settle<X extends Exception> {
        Evaluation settle(Rule rule, Evaluation matched) throws X;
    }

    /** Every rule for the type in priority order, matches left MATCHED: for the CLI, which has no database. */
    public static List<Evaluation> evaluate(RuleSet rules, String type, Map<String, Object> facts) {
        return evaluate(rules, type, facts, (rule, matched) -> matched);
    }

    /** Every rule for the type in priority order, each match handed to {@code settle}. */
    public static <X extends Exception> List<Evaluation> evaluate(RuleSet rules, String type, Map<String, Object> facts,
            Settle<X> settle) throws X {
        List<Rule> candidates = rules.rulesFor(type);
        List<Evaluation> evaluations = new ArrayList<>(candidates.size());
        for (Rule rule : candidates) {
            Evaluation evaluation = evaluate(rule, facts);
            boolean matched = evaluation.outcome() == Evaluation.Outcome.MATCHED;
            evaluations.add(matched ? settle.settle(rule, evaluation) : evaluation);
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
            String reason = timedOut(e) ? "evaluation timed out" : "evaluation failed";
            return new Evaluation(rule.id(), rule.version(), Evaluation.Outcome.ERROR, reason, read, null, message);
        }
    }

    private static boolean timedOut(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof EvaluationTimeoutException) {
                return true;
            }
        }
        return false;
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

    /**
     * The values the condition read, for the record; nested objects are named, not copied, and a long
     * text is cut: a 255 KB name read by ten rules must not become 2.5 MB of evaluations per event.
     */
    private static Map<String, Object> recorded(Expression.Reading reading) {
        if (reading == null) {
            return Map.of();
        }
        return reading.values(RuleEngine::recordedValue);
    }

    private static Object recordedValue(Object value) {
        if (value instanceof Map || value instanceof List) {
            return "(" + value.getClass().getSimpleName() + ")";
        }
        if (value instanceof CharSequence text && text.length() > MAX_RECORDED_TEXT) {
            return text.subSequence(0, MAX_RECORDED_TEXT) + "… (" + text.length() + " characters)";
        }
        return value;
    }
}
