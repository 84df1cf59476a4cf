package com.truustrules.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

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
        return process(c, event, isNew, now, null);
    }

    /** As above with one rule only, {@code onlyRule} (null: every rule), for a backfill of that rule. */
    Outcome process(Connection c, EventRecord event, boolean isNew, Instant now, String onlyRule) throws SQLException;

    /** Once a transaction that processed events committed: the work they queued ({@code fired} > 0) is due. */
    void committed(int fired);

    /**
     * One event's run: the version of what ran, what each rule made of it (recorded as JSON), how many
     * rules fired, and why the run failed (null: it did not).
     */
    record Outcome(String version, List<?> evaluations, int fired, String failure) {
    }
}
