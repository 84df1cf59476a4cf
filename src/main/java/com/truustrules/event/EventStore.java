package com.truustrules.event;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes batches of inbound events in one transaction with plain JDBC: the hot path of ingest,
 * where a round trip per event would cost more than the event itself.
 *
 * <p>Redeliveries are rare, so a batch is first inserted without looking its dedup keys up; the
 * unique key on dedup_key turns a redelivery into a rollback, after which the batch is stored again
 * with the look-up. Either way every outcome is committed before it is returned.
 */
@ApplicationScoped
public class EventStore {

    private static final String INSERT = "INSERT INTO inbound_event "
            + "(id, type, dedup_key, received_at, source_ip, headers, body, status, attempts) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 0)";
    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Durability durability;

    /** Stores what is new, recognises what was stored before; one outcome per input, in order. */
    public List<StoredEvent> store(List<NewEvent> events) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<StoredEvent> outcomes = attempt(connection, () -> storeBatch(connection, events, false));
            if (outcomes == null) {
                outcomes = attempt(connection, () -> storeBatch(connection, events, true));
            }
            if (outcomes == null) {
                // Another instance stored one of these keys between our look-up and insert: go one by one.
                outcomes = storeOneByOne(connection, events);
            }
            durability.flush(connection);
            return outcomes;
        }
    }

    private interface Work {
        List<StoredEvent> run() throws SQLException;
    }

    /** Runs and commits the work; null when a dedup key turned out to be taken (rolled back). */
    private static List<StoredEvent> attempt(Connection connection, Work work) throws SQLException {
        try {
            List<StoredEvent> outcomes = work.run();
            connection.commit();
            return outcomes;
        } catch (SQLException e) {
            connection.rollback();
            if (!UNIQUE_VIOLATION.equals(e.getSQLState()) && !isUniqueViolation(e)) {
                throw e;
            }
            return null;
        }
    }

    /** Inserts the first event of each dedup key; with lookUp, keys stored earlier are answered as duplicates. */
    private List<StoredEvent> storeBatch(Connection connection, List<NewEvent> events, boolean lookUp)
            throws SQLException {
        Map<String, NewEvent> firstByKey = new LinkedHashMap<>();
        for (NewEvent event : events) {
            firstByKey.putIfAbsent(event.dedupKey(), event);
        }
        Map<String, UUID> existing = lookUp ? existingIds(connection, firstByKey.keySet()) : Map.of();
        List<NewEvent> fresh = firstByKey.values().stream().filter(e -> !existing.containsKey(e.dedupKey())).toList();
        insert(connection, fresh);
        List<StoredEvent> outcomes = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            UUID earlier = existing.get(event.dedupKey());
            NewEvent first = firstByKey.get(event.dedupKey());
            if (earlier != null) {
                outcomes.add(new StoredEvent(earlier, event.type(), true));
            } else {
                outcomes.add(new StoredEvent(first.id(), event.type(), first != event));
            }
        }
        return outcomes;
    }

    private List<StoredEvent> storeOneByOne(Connection connection, List<NewEvent> events) throws SQLException {
        List<StoredEvent> outcomes = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            outcomes.add(storeBatch(connection, List.of(event), true).get(0));
            connection.commit();
        }
        return outcomes;
    }

    private Map<String, UUID> existingIds(Connection connection, Collection<String> keys) throws SQLException {
        Map<String, UUID> found = new HashMap<>();
        String marks = String.join(",", Collections.nCopies(keys.size(), "?"));
        try (PreparedStatement select = connection.prepareStatement(
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

    private void insert(Connection connection, List<NewEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewEvent event : events) {
                insert.setObject(1, event.id());
                insert.setString(2, event.type());
                insert.setString(3, event.dedupKey());
                insert.setObject(4, event.receivedAt().atOffset(ZoneOffset.UTC));
                insert.setString(5, event.sourceIp());
                insert.setString(6, event.headers());
                insert.setString(7, event.body());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
