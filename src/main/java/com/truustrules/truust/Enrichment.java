package com.truustrules.truust;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What Truust's API adds to an event before its rules run: the facts order, buyer and seller, or the
 * verdict that the event must wait (PENDING) or must not run at all (UNCONFIRMED). Never blocks:
 * what is not known yet is asked for, and the caller is told to come back. Called by the rule side
 * ({@code rule.RuleProcessing}) before it evaluates; this package knows nothing of rules.
 */
public interface Enrichment {

    /** What to do with one event. */
    sealed interface Outcome permits Enriched, Pending, Unconfirmed {
    }

    /** Run the rules with these extra facts (order, buyer, seller; each may be null); empty: no rule reads them. */
    record Enriched(Map<String, Object> facts) implements Outcome {
    }

    /** Truust has not answered (yet); try again at {@code retryAt} or when it answers, whichever is first. */
    record Pending(String reason, Instant retryAt) implements Outcome {
    }

    /** Truust contradicts the event (unknown order, earlier status): store it, run no rule. */
    record Unconfirmed(String reason) implements Outcome {
    }

    /**
     * Decides for one event of {@code type}, given its facts (escrow, payin, payout...); an answer from
     * Truust that contradicts the event is believed only if it was fetched at or after {@code asOf}
     * (when the event was received; the time of a replay), else it is read again first;
     * {@code anyRule}: some rule would run on it (only then is it confirmed); {@code reads}: which of
     * order, buyer and seller those rules read (empty: they need no call).
     */
    Outcome enrich(String type, Instant asOf, Map<String, Object> facts, boolean anyRule, Set<String> reads);

    /**
     * For a dry run: order, buyer and seller as Truust has them for an event with these facts, waited
     * for (a few call timeouts at most); no confirmation, nothing held. Empty when no API is
     * configured, the event names no Truust order id, or {@code reads} is empty.
     *
     * @throws TruustUnavailableException when Truust does not answer in time
     */
    Map<String, Object> lookUp(Map<String, Object> facts, Set<String> reads);
}
