package com.truustrules.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The owner of inbound_event and event_evaluation: insert and look up by dedup key or order (for
 * {@link EventStore}), claim with SKIP LOCKED, record evaluations, mark runs done, failed, PENDING or
 * UNCONFIRMED, keep and find the facts Truust's API gave, find one event (for action facts), purge. Plain JDBC: these are the ingest and processing hot paths.
 */
public final class EventRows {

    private static final String INSERT = "INSERT INTO inbound_event "
            + "(id, type, dedup_key, received_at, source_ip, headers, body, status, attempts, processed_at, order_id, source) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String COLUMNS = "SELECT id, type, received_at, body, attempts FROM inbound_event ";

    private EventRows() {
    }

    /**
     * Locks up to {@code limit} unprocessed events that are due (a failed run waits for its
     * next_attempt_at) and that no other transaction holds, oldest first. Two
     * steps, because H2 locks every row an ordered FOR UPDATE sorts, not only those it returns: pick
     * candidates in index order without locks, then lock those still unprocessed, skipping taken ones.
     */
    static List<EventRecord> claim(Connection c, int limit, Instant now) throws SQLException {
        List<UUID> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM inbound_event WHERE status IN ('RECEIVED', 'PENDING') "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY status, seq FETCH FIRST ? ROWS ONLY")) {
            s.setObject(1, now.atOffset(ZoneOffset.UTC));
            s.setInt(2, limit);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    candidates.add(rows.getObject(1, UUID.class));
                }
            }
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", Collections.nCopies(candidates.size(), "?"));
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE id IN (" + marks + ") AND status IN ('RECEIVED', 'PENDING') "
                + "FOR UPDATE SKIP LOCKED")) {
            for (int i = 0; i < candidates.size(); i++) {
                s.setObject(i + 1, candidates.get(i));
            }
            Map<UUID, Integer> order = new HashMap<>();
            candidates.forEach(id -> order.put(id, order.size()));
            List<EventRecord> claimed = new ArrayList<>(read(s));
            claimed.sort(Comparator.comparing(e -> order.get(e.id())));
            return claimed;
        }
    }

    /** Inserts new events RECEIVED, or PROCESSED when their rules run in this same transaction. */
    static void insert(Connection c, List<NewEvent> events, boolean processed) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (NewEvent event : events) {
                OffsetDateTime receivedAt = event.receivedAt().atOffset(ZoneOffset.UTC);
                insert.setObject(1, event.id());
                insert.setString(2, event.type());
                insert.setString(3, event.dedupKey());
                insert.setObject(4, receivedAt);
                insert.setString(5, event.sourceIp());
                insert.setString(6, event.headers());
                insert.setString(7, event.body());
                insert.setString(8, processed ? EventStatus.PROCESSED.name() : EventStatus.RECEIVED.name());
                insert.setInt(9, processed ? 1 : 0);
                insert.setObject(10, processed ? receivedAt : null);
                insert.setString(11, event.orderId());
                insert.setString(12, event.source().column());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The ids of events already stored under these dedup keys. */
    static Map<String, UUID> existingIds(Connection c, Collection<String> keys) throws SQLException {
        Map<String, UUID> found = new HashMap<>();
        String marks = String.join(",", Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement select = c.prepareStatement(
                "SELECT dedup_key, id FROM inbound_event WHERE dedup_key IN (" + marks + ")")) {
            int i = 1;
            for (String key : keys) {
                select.setString(i++, key);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString(1), rows.getObject(2, UUID.class));
                }
            }
        }
        return found;
    }

    /** A stored event about an order: what dedup by order and notification type compares with. */
    record AboutOrder(String orderId, String type, EventSource source, UUID id) {
    }

    /** The stored events naming any of these orders (through the order_id index); rows stored before V10 name none. */
    static List<AboutOrder> aboutOrders(Connection c, Collection<String> orderIds) throws SQLException {
        List<AboutOrder> found = new ArrayList<>();
        String marks = String.join(",", Collections.nCopies(orderIds.size(), "?"));
        try (PreparedStatement select = c.prepareStatement(
                "SELECT order_id, type, source, id FROM inbound_event WHERE order_id IN (" + marks + ")")) {
            int i = 1;
            for (String orderId : orderIds) {
                select.setString(i++, orderId);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    EventSource source = EventSource.RECONCILIATION.column().equals(rows.getString(3)) ? EventSource.RECONCILIATION
                            : EventSource.WEBHOOK;
                    found.add(new AboutOrder(rows.getString(1), rows.getString(2), source, rows.getObject(4, UUID.class)));
                }
            }
        }
        return found;
    }

    /** One stored event, whatever its status, without locking it: what an action's facts are rebuilt from. */
    public static Optional<EventRecord> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE id = ?")) {
            s.setObject(1, id);
            return read(s).stream().findFirst();
        }
    }

    /** The facts Truust's API gave the event's rules (JSON, saved by {@link #saveEnrichment}); empty when none. */
    public static Optional<String> enrichment(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT enrichment FROM inbound_event WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Deletes up to {@code batch} PROCESSED events received before the cutoff, with their evaluations. */
    static int purgeProcessed(Connection c, Instant cutoff, int batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM inbound_event WHERE id IN (SELECT id FROM inbound_event "
                + "WHERE status = 'PROCESSED' AND received_at < ? FETCH FIRST ? ROWS ONLY)")) {
            s.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            s.setInt(2, batch);
            return s.executeUpdate();
        }
    }

    /** Locks one event whatever its status, waiting for a processor that holds it: for replay. */
    static Optional<EventRecord> lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE id = ? FOR UPDATE")) {
            s.setObject(1, id);
            return read(s).stream().findFirst();
        }
    }

    /** The status of an event this transaction has locked. */
    static EventStatus status(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM inbound_event WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return EventStatus.valueOf(rows.getString(1));
            }
        }
    }

    static void recordEvaluations(Connection c, UUID evaluationId, UUID eventId, Instant at, String ruleSetVersion,
            String results) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_evaluation "
                + "(id, event_id, evaluated_at, rule_set_version, results) VALUES (?, ?, ?, ?, ?)")) {
            s.setObject(1, evaluationId);
            s.setObject(2, eventId);
            s.setObject(3, at.atOffset(ZoneOffset.UTC));
            s.setString(4, ruleSetVersion);
            s.setString(5, results);
            s.executeUpdate();
        }
    }

    static void markProcessed(Connection c, UUID eventId, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE inbound_event SET status = 'PROCESSED', processed_at = ?, "
                + "attempts = attempts + 1, error = NULL, next_attempt_at = NULL WHERE id = ?")) {
            s.setObject(1, at.atOffset(ZoneOffset.UTC));
            s.setObject(2, eventId);
            s.executeUpdate();
        }
    }

    /**
     * Records a failed rule run: RECEIVED to be claimed again at {@code next}, or FAILED (next null)
     * to wait for a person's replay.
     */
    static void markRunFailed(Connection c, UUID eventId, int attempts, String error, Instant next) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE inbound_event SET status = ?, processed_at = NULL, "
                + "attempts = ?, error = ?, next_attempt_at = ? WHERE id = ?")) {
            s.setString(1, (next == null ? EventStatus.FAILED : EventStatus.RECEIVED).name());
            s.setInt(2, attempts);
            s.setString(3, error);
            s.setObject(4, next == null ? null : next.atOffset(ZoneOffset.UTC));
            s.setObject(5, eventId);
            s.executeUpdate();
        }
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
        try (PreparedStatement s = c.prepareStatement("UPDATE inbound_event SET status = ?, processed_at = NULL, "
                + "attempts = ?, error = ?, next_attempt_at = ? WHERE id = ?")) {
            s.setString(1, status.name());
            s.setInt(2, attempts);
            s.setString(3, reason);
            s.setObject(4, next == null ? null : next.atOffset(ZoneOffset.UTC));
            s.setObject(5, eventId);
            s.executeUpdate();
        }
    }

    /**
     * Truust answered: PENDING events are due now, as their data may be in the cache; all of them, or
     * with {@code dueBy} only those due no later than that (held before the answer).
     */
    static void releasePending(Connection c, Instant now, Instant dueBy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE inbound_event SET next_attempt_at = ? "
                + "WHERE status = 'PENDING' AND next_attempt_at > ?" + (dueBy == null ? "" : " AND next_attempt_at <= ?"))) {
            s.setObject(1, now.atOffset(ZoneOffset.UTC));
            s.setObject(2, now.atOffset(ZoneOffset.UTC));
            if (dueBy != null) {
                s.setObject(3, dueBy.atOffset(ZoneOffset.UTC));
            }
            s.executeUpdate();
        }
    }

    /** The facts Truust's API gave the event's rules (JSON), for its actions. */
    static void saveEnrichment(Connection c, UUID eventId, String facts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE inbound_event SET enrichment = ? WHERE id = ?")) {
            s.setString(1, facts);
            s.setObject(2, eventId);
            s.executeUpdate();
        }
    }

    /**
     * What readiness reports: FAILED events, RECEIVED and PENDING ones stored before
     * {@code receivedBefore}, and UNCONFIRMED ones.
     */
    static long[] failedBacklogPendingUnconfirmed(Connection c, Instant receivedBefore) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'FAILED'), "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'RECEIVED' AND received_at < ?), "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'PENDING' AND received_at < ?), "
                + "(SELECT COUNT(*) FROM inbound_event WHERE status = 'UNCONFIRMED')")) {
            s.setObject(1, receivedBefore.atOffset(ZoneOffset.UTC));
            s.setObject(2, receivedBefore.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)};
            }
        }
    }

    private static List<EventRecord> read(PreparedStatement s) throws SQLException {
        List<EventRecord> events = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                events.add(new EventRecord(rows.getObject(1, UUID.class), rows.getString(2),
                        rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4), rows.getInt(5)));
            }
        }
        return events;
    }
}
