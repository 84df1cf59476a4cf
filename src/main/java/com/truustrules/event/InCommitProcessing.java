package com.truustrules.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What runs on a stored event inside the transaction that stores, claims or replays it. The event
 * side owns this contract and calls it; the rule side implements it, so events never depend on rules.
 */
public interface InCommitProcessing {

    /**
     * Runs on one event within {@code c}'s transaction; {@code isNew}: that transaction inserted it, so
     * nothing ran on it before. Whatever it throws is the event's failure: the caller rolls back to the
     * event's savepoint.
     */
    default Outcome process(Connection c, EventRecord event, boolean isNew, Instant now) throws SQLException {
        return process(c, event, isNew, now, null, false);
    }

    /**
     * As above with one rule only, {@code onlyRule} (null: every rule), for a backfill of that rule;
     * {@code replay}: a person asked to run it again, so what was learnt about it before (a cached
     * answer from Truust that refused it) is checked afresh.
     */
    Outcome process(Connection c, EventRecord event, boolean isNew, Instant now, String onlyRule, boolean replay)
            throws SQLException;

    /** Once a transaction that processed events committed: the work they queued ({@code fired} > 0) is due. */
    void committed(int fired);

    /**
     * One event's run: the version of what ran, what each rule made of it (recorded as JSON), how many
     * rules fired, and why the run failed (null: it did not); {@code kept}: facts the run added to the
     * event's own (Truust's order, buyer, seller), kept on the event for its actions (empty: none);
     * {@code held}: no rule ran, the event waits or is refused (null: the rules ran).
     */
    record Outcome(String version, List<?> evaluations, int fired, String failure, Map<String, Object> kept, Held held) {

        public Outcome {
            kept = kept == null ? Map.of() : kept;
        }

        /** The rules ran, and nothing is kept. */
        public Outcome(String version, List<?> evaluations, int fired, String failure) {
            this(version, evaluations, fired, failure, Map.of(), null);
        }

        /** No rule ran: the event is held. */
        public static Outcome held(String version, Held held) {
            return new Outcome(version, List.of(), 0, null, Map.of(), held);
        }
    }

    /** Why no rule ran on an event: it must wait, or it must not run at all. */
    sealed interface Held permits Pending, Unconfirmed {
        String reason();
    }

    /** What the rules need is not known yet (Truust's API has not answered): PENDING until {@code retryAt}, or sooner. */
    record Pending(String reason, Instant retryAt) implements Held {
    }

    /** The event is contradicted by its source (Truust does not know the order, or not in that state): UNCONFIRMED. */
    record Unconfirmed(String reason) implements Held {
    }
}
