package com.truustrules.rule;

import java.util.Map;

/**
 * What one rule made of one event: the outcome, why, the values its condition read, and the
 * once-per value when it matched. Recorded for every evaluation so ops can answer "why (not)?".
 */
public record Evaluation(String rule, String version, Outcome outcome, String reason, Map<String, Object> read,
        String oncePer, String error) {

    /** How an evaluation ended. */
    public enum Outcome {
        /** The condition held and the actions were queued. */
        FIRED,
        /** The condition held; actions would be queued (dry run) or the state check is still to come. */
        MATCHED,
        /** The condition did not hold. */
        NOT_MATCHED,
        /** The condition held but the rule already fired for this once-per value (or this event). */
        ALREADY_FIRED,
        /** The condition held but the rule's limit is used up. */
        LIMIT_REACHED,
        /** The condition or once-per could not be evaluated. */
        ERROR
    }

    public Evaluation with(Outcome newOutcome, String newReason) {
        return new Evaluation(rule, version, newOutcome, newReason, read, oncePer, error);
    }
}
