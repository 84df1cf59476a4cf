package com.truustrules.event;

import com.truustrules.db.Durability;
import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Stores batches of inbound events in one transaction (the rows through {@link EventRows}): the hot
 * path of ingest, where a round trip per event would cost more than the event itself.
 *
 * <p>Redeliveries are rare, so a batch is first inserted without looking its dedup keys up; the
 * unique key on dedup_key turns a redelivery into a rollback, after which the batch is stored again
 * with the look-up. Either way every outcome is committed before it is returned. Events that name an
 * order are also looked up by (order id, type), for dedup with reconciliation ({@link #sameNotification}).
 */
@ApplicationScoped
public class EventStore {

    @Inject
    AgroalDataSource dataSource;

    /** One committed batch: an outcome per input, in order, and what processing it in place did. */
    public record Stored(List<StoredEvent> outcomes, EventRuns.Batch processing) {
    }

    /** Work on the events a batch has just inserted, run before it commits. */
    @FunctionalInterface
    public interface InCommit {
        EventRuns.Batch run(Connection connection, List<EventRecord> inserted) throws SQLException;
    }

    /**
     * Stores what is new, recognises what was stored before; one outcome per input, in order. With
     * {@code inline} (null: none) the new events are inserted PROCESSED and handed to it in the same
     * transaction; an event it fails on it writes back as RECEIVED. Returns once the transaction
     * committed; making the commit durable is the caller's ({@link Durability}).
     */
    public Stored store(List<NewEvent> events, InCommit inline) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Stored batch = attempt(connection, () -> storeBatch(connection, events, false, inline));
            if (batch == null) {
                batch = attempt(connection, () -> storeBatch(connection, events, true, inline));
            }
            if (batch == null) {
                // Another instance stored one of these keys between our look-up and insert: go one by one.
                batch = storeOneByOne(connection, events);
            }
            return batch;
        }
    }

    private interface Work {
        Stored run() throws SQLException;
    }

    /** Runs and commits the work; null when a dedup key turned out to be taken (rolled back). */
    private static Stored attempt(Connection connection, Work work) throws SQLException {
        try {
            Stored batch = work.run();
            connection.commit();
            return batch;
        } catch (SQLException e) {
            connection.rollback();
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            return null;
        }
    }

    /**
     * Inserts the first event of each dedup key; with lookUp, keys stored earlier are answered as
     * duplicates; with inline, the new events are processed before the commit.
     */
    private Stored storeBatch(Connection connection, List<NewEvent> events, boolean lookUp, InCommit inline)
            throws SQLException {
        Map<String, NewEvent> firstByKey = new LinkedHashMap<>();
        for (NewEvent event : events) {
            firstByKey.putIfAbsent(event.dedupKey(), event);
        }
        Map<String, UUID> existing = new HashMap<>(lookUp ? EventRows.existingIds(connection, firstByKey.keySet()) : Map.of());
        existing.putAll(sameNotification(connection, firstByKey.values(), existing));
        List<NewEvent> fresh = firstByKey.values().stream().filter(e -> !existing.containsKey(e.dedupKey())).toList();
        EventRows.insert(connection, fresh, inline != null);
        EventRuns.Batch processing = inline != null && !fresh.isEmpty() ? inline.run(connection, records(fresh))
                : EventRuns.Batch.left(fresh.size());
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
        return new Stored(outcomes, processing);
    }

    /**
     * Dedup by order and notification type wherever reconciliation is involved (dedup_key of the
     * events that it does not cover): an event from reconciliation repeats any event about the same
     * order and type, a webhook repeats one from reconciliation. Two webhooks about one order and type
     * stay two events, as before: a retried failed payment sends order.failed again. Runs in the
     * storing transaction, so on one instance a webhook and a run never both get in.
     */
    private static Map<String, UUID> sameNotification(Connection connection, Collection<NewEvent> events,
            Map<String, UUID> existing) throws SQLException {
        List<NewEvent> aboutOrders = events.stream().filter(e -> e.orderId() != null && !existing.containsKey(e.dedupKey()))
                .toList();
        if (aboutOrders.isEmpty()) {
            return Map.of();
        }
        Map<String, UUID> any = new HashMap<>();
        Map<String, UUID> reconciled = new HashMap<>();
        for (EventRows.AboutOrder row : EventRows.aboutOrders(connection, aboutOrders.stream().map(NewEvent::orderId)
                .collect(Collectors.toSet()))) {
            remember(any, reconciled, row.orderId() + "\n" + row.type(), row.source(), row.id());
        }
        Map<String, UUID> repeats = new HashMap<>();
        for (NewEvent event : aboutOrders) {
            String key = event.orderId() + "\n" + event.type();
            UUID earlier = (event.source() == EventSource.RECONCILIATION ? any : reconciled).get(key);
            if (earlier != null) {
                repeats.put(event.dedupKey(), earlier);
            } else {
                remember(any, reconciled, key, event.source(), event.id());
            }
        }
        return repeats;
    }

    private static void remember(Map<String, UUID> any, Map<String, UUID> reconciled, String key, EventSource source, UUID id) {
        any.putIfAbsent(key, id);
        if (source == EventSource.RECONCILIATION) {
            reconciled.putIfAbsent(key, id);
        }
    }

    /**
     * The (order id, type) pairs, as "orderId\ntype", that have a stored event from any source among these
     * orders: the cheap first look of a reconciliation run (the storing transaction has the last word).
     */
    public Set<String> received(Collection<String> orderIds) throws SQLException {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return EventRows.aboutOrders(connection, orderIds).stream().map(r -> r.orderId() + "\n" + r.type())
                    .collect(Collectors.toSet());
        }
    }

    private static List<EventRecord> records(List<NewEvent> events) {
        return events.stream().map(e -> new EventRecord(e.id(), e.type(), e.receivedAt(), e.body(), 0)).toList();
    }

    /** The rare path of a race with another instance; what it stores is left to the claiming processor. */
    private Stored storeOneByOne(Connection connection, List<NewEvent> events) throws SQLException {
        List<StoredEvent> outcomes = new ArrayList<>(events.size());
        int left = 0;
        for (NewEvent event : events) {
            Stored one = storeBatch(connection, List.of(event), true, null);
            outcomes.add(one.outcomes().get(0));
            left += one.processing().left();
            connection.commit();
        }
        return new Stored(outcomes, EventRuns.Batch.left(left));
    }
}
