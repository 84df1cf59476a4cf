package com.truustrules.event;

import com.truustrules.db.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The owner of inbound_event and event_evaluation: insert and look up by dedup key or order (for
 * {@link EventStore}), claim with SKIP LOCKED, record evaluations, mark runs done, failed, PENDING or
 * UNCONFIRMED, keep and find the facts Truust's API gave, find one event (for action facts), purge.
 * Plain JDBC through {@link Jdbc}: these are the ingest and processing hot paths.
 */
public final class EventRows {

    private static final String INSERT = "INSERT INTO inbound_event "
            + "(id, type, dedup_key, received_at, source_ip, headers, body, status, attempts, processed_at, order_id, source) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "SELECT id, type, received_at, body, attempts FROM inbound_event ";
    private static final String HOLD = "UPDATE inbound_event SET status = ?, processed_at = NULL, "
            + "attempts = ?, error = ?, next_attempt_at = ? WHERE id = ?";

    private EventRows() {
    }

    /**
     * Locks up to {@code limit} unprocessed events that are due (a failed run waits for its
     * next_attempt_at) and that no other transaction holds, oldest first. Two
     * steps, because H2 locks every row an ordered FOR UPDATE sorts, not only those it returns: pick
     * candidates in index order without locks, then lock those still unprocessed, skipping taken ones.
     */
    static List<EventRecord> claim(Connection c, int limit, Instant now) throws SQLException {
        List<UUID> candidates = Jdbc.list(c, "SELECT id FROM inbound_event WHERE status IN ('RECEIVED', 'PENDING') "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY status, seq FETCH FIRST ? ROWS ONLY",
                row -> row.getObject(1, UUID.class), now, limit);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<UUID, Integer> order = new HashMap<>();
        candidates.forEach(id -> order.put(id, order.size()));
        List<EventRecord> claimed = Jdbc.list(c, COLUMNS + "WHERE id IN (" + Jdbc.marks(candidates.size())
                + ") AND status IN ('RECEIVED', 'PENDING') FOR UPDATE SKIP LOCKED", EventRows::record, candidates.toArray());
        claimed.sort(Comparator.comparing(e -> order.get(e.id())));
        return claimed;
    }

    /** Inserts new events RECEIVED, or PROCESSED when their rules run in this same transaction. */
    static void insert(Connection c, List<NewEvent> events, boolean processed) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        EventStatus status = processed ? EventStatus.PROCESSED : EventStatus.RECEIVED;
        Jdbc.batch(c, INSERT, events, events.size(), (insert, event) -> Jdbc.bind(insert, event.id(), event.type(),
                event.dedupKey(), event.receivedAt(), event.sourceIp(), event.headers(), event.body(), status.name(),
                processed ? 1 : 0, processed ? event.receivedAt() : null, event.orderId(), event.source().column()));
    }

    /** The ids of events already stored under these dedup keys. */
    static Map<String, UUID> existingIds(Connection c, Collection<String> keys) throws SQLException {
        Map<String, UUID> found = new HashMap<>();
        for (Map.Entry<String, UUID> row : Jdbc.list(c, "SELECT dedup_key, id FROM inbound_event WHERE dedup_key IN ("
                + Jdbc.marks(keys.size()) + ")", row -> Map.entry(row.getString(1), row.getObject(2, UUID.class)), keys.toArray())) {
            found.put(row.getKey(), row.getValue());
        }
        return found;
    }

    /** A stored event about an order: what dedup by order and notification type compares with. */
    record AboutOrder(String orderId, String type, EventSource source, UUID id) {
    }

    /** The stored events naming any of these orders (through the order_id index); rows stored before V10 name none. */
    static List<AboutOrder> aboutOrders(Connection c, Collection<String> orderIds) throws SQLException {
        return Jdbc.list(c, "SELECT order_id, type, source, id FROM inbound_event WHERE order_id IN ("
                + Jdbc.marks(orderIds.size()) + ")", row -> new AboutOrder(row.getString(1), row.getString(2),
                EventSource.RECONCILIATION.column().equals(row.getString(3)) ? EventSource.RECONCILIATION : EventSource.WEBHOOK,
                row.getObject(4, UUID.class)), orderIds.toArray());
    }

    /** One stored event, whatever its status, without locking it: what an action's facts are rebuilt from. */
    public static Optional<EventRecord> find(Connection c, UUID id) throws SQLException {
        return Jdbc.first(c, COLUMNS + "WHERE id = ?", EventRows::record, id);
    }

    /** The facts Truust's API gave the event's rules (JSON, saved by {@link #saveEnrichment}); empty when none. */
    public static Optional<String> enrichment(Connection c, UUID id) throws SQLException {
        return Jdbc.first(c, "SELECT enrichment FROM inbound_event WHERE id = ?", row -> row.getString(1), id);
    }

    /** Deletes up to {@code batch} PROCESSED events received before the cutoff, with their evaluations. */
    static int purgeProcessed(Connection c, Instant cutoff, int batch) throws SQLException {
        return Jdbc.update(c, "DELETE FROM inbound_event WHERE id IN (SELECT id FROM inbound_event "
                + "WHERE status = 'PROCESSED' AND received_at < ? FETCH FIRST ? ROWS ONLY)", cutoff, batch);
    }

    /** Locks one event whatever its status, waiting for a processor that holds it: for replay. */
    static Optional<EventRecord> lock(Connection c, UUID id) throws SQLException {
        return Jdbc.first(c, COLUMNS + "WHERE id = ? FOR UPDATE", EventRows::record, id);
    }

    /** The status of an event this transaction has locked. */
    static EventStatus status(Connection c, UUID id) throws SQLException {
        return Jdbc.first(c, "SELECT status FROM inbound_event WHERE id = ?", row -> EventStatus.valueOf(row.getString(1)), id)
                .orElseThrow(() -> new SQLException("no event with id " + id));
    }

    static void recordEvaluations(Connection c, UUID evaluationId, UUID eventId, Instant at, String ruleSetVersion,
            String results) throws SQLException {
        Jdbc.update(c, "INSERT INTO event_evaluation (id, event_id, evaluated_at, rule_set_version, results) "
                + "VALUES (?, ?, ?, ?, ?)", evaluationId, eventId, at, ruleSetVersion, results);
    }

    static void markProcessed(Connection c, UUID eventId, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE inbound_event SET status = 'PROCESSED', processed_at = ?, "
                + "attempts = attempts + 1, error = NULL, next_attempt_at = NULL WHERE id = ?", at, eventId);
    }

    /**
     * Records a failed rule run: RECEIVED to be claimed again at {@code next}, or FAILED (next null)
     * to wait for a person's replay.
     */
    static void markRunFailed(Connection c, UUID eventId, int attempts, String error, Instant next) throws SQLException {
        hold(c, eventId, next == null ? EventStatus.FAILED : EventStatus.RECEIVED, attempts, error, next);
    }

    /** Truust's API has not answered for this event: PENDING with the reason until {@code next} or its answer. */
    static void markPending(Connection c, UUID eventId, int attempts, String reason, Instant next) throws SQLException {
        hold(c, eventId, EventStatus.PENDING, attempts, reason, next);
    }

    /** Truust contradicts this event: UNCONFIRMED with the reason, never claimed again. */
    static void markUnconfirmed(Connection c, UUID eventId, int attempts, String reason) throws SQLException {
        hold(c, eventId, EventStatus.UNCONFIRMED, attempts, reason, null);
    }

    private static void hold(Connection c, UUID eventId, EventStatus status, int attempts, String reason, Instant next)
            throws SQLException {
        Jdbc.update(c, HOLD, status.name(), attempts, reason, next, eventId);
    }

    /**
     * Truust answered: PENDING events are due now, as their data may be in the cache; all of them, or
     * with {@code dueBy} only those due no later than that (held before the answer).
     */
    static void releasePending(Connection c, Instant now, Instant dueBy) throws SQLException {
        String sql = "UPDATE inbound_event SET next_attempt_at = ? WHERE status = 'PENDING' AND next_attempt_at > ?";
        if (dueBy == null) {
            Jdbc.update(c, sql, now, now);
        } else {
            Jdbc.update(c, sql + " AND next_attempt_at <= ?", now, now, dueBy);
        }
    }

    /** The facts Truust's API gave the event's rules (JSON), for its actions. */
    static void saveEnrichment(Connection c, UUID eventId, String facts) throws SQLException {
        Jdbc.update(c, "UPDATE inbound_event SET enrichment = ? WHERE id = ?", facts, eventId);
    }

    /**
     * What readiness reports: FAILED events, RECEIVED and PENDING ones stored before
     * {@code receivedBefore}, and UNCONFIRMED ones.
     */
    static long[] failedBacklogPendingUnconfirmed(Connection c, Instant receivedBefore) throws SQLException {
        return Jdbc.first(c, "SELECT "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'FAILED'), "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'RECEIVED' AND received_at < ?), "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'PENDING' AND received_at < ?), "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'UNCONFIRMED')",
                row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4)},
                receivedBefore, receivedBefore).orElseThrow();
    }

    private static EventRecord record(ResultSet row) throws SQLException {
        return new EventRecord(row.getObject(1, UUID.class), row.getString(2), Jdbc.instant(row, 3), row.getString(4),
                row.getInt(5));
    }
}
