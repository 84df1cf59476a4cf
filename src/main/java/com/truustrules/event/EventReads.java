package com.truustrules.event;

import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Read-only queries over inbound_event for the surfaces above (the console's event list and backfill,
 * the stats): the SQL stays with the table's owner package, the pages keep their own view types.
 */
@ApplicationScoped
public class EventReads {

    /** One stored event as a list shows it. */
    public record Listed(UUID id, long seq, Instant receivedAt, String type, String status, String body) {
    }

    /**
     * The event list's filters; null means "any". {@code firedRule}: only events that rule fired on;
     * {@code text}: found anywhere in the raw body, case-insensitively; {@code before}: the cursor (a seq).
     */
    public record Search(String type, String status, Instant since, Instant until, String firedRule, String text,
            Long before) {
    }

    private static final String COLUMNS = "SELECT e.id, e.seq, e.received_at, e.type, e.status, e.body FROM inbound_event e";

    @Inject
    AgroalDataSource dataSource;

    /** Newest first, at most {@code limit}. */
    public List<Listed> search(Search f, int limit) throws SQLException {
        Jdbc.Query query = new Jdbc.Query(COLUMNS + " WHERE 1 = 1")
                .and(f.type(), " AND e.type = ?")
                .and(f.status(), " AND e.status = ?")
                .and(f.since(), " AND e.received_at >= ?")
                .and(f.until(), " AND e.received_at < ?")
                .and(f.before(), " AND e.seq < ?")
                // rule_firing is the rule side's table; reading it here is a filter, never a write.
                .and(f.firedRule(), " AND EXISTS (SELECT 1 FROM rule_firing r WHERE r.event_id = e.id AND r.rule_id = ?)")
                .and(f.text() == null ? null : "%" + likeEscaped(f.text().toLowerCase(Locale.ROOT)) + "%",
                        " AND LOWER(e.body) LIKE ? ESCAPE '!'")
                .append(" ORDER BY e.seq DESC FETCH FIRST ? ROWS ONLY", limit);
        try (Connection c = readOnly()) {
            return query.list(c, EventReads::listed);
        }
    }

    /**
     * PROCESSED events of the given types (empty: any) received in [since, until), oldest first, at
     * most {@code limit}: what a backfill of one rule may replay.
     */
    public List<Listed> processed(Set<String> types, Instant since, Instant until, int limit) throws SQLException {
        Jdbc.Query query = new Jdbc.Query(COLUMNS + " WHERE e.received_at >= ? AND e.received_at < ? AND e.status = 'PROCESSED'",
                since, until);
        if (!types.isEmpty()) {
            query.append(" AND e.type IN (" + Jdbc.marks(types.size()) + ")", types.toArray());
        }
        query.append(" ORDER BY e.seq FETCH FIRST ? ROWS ONLY", limit);
        try (Connection c = readOnly()) {
            return query.list(c, EventReads::listed);
        }
    }

    /** Stored events by status. */
    public Map<String, Long> countByStatus() throws SQLException {
        try (Connection c = readOnly()) {
            return Jdbc.counts(c, "SELECT status, COUNT(*) FROM inbound_event GROUP BY status");
        }
    }

    /** What Truust's API gave the event's rules (inbound_event.enrichment as JSON), if it was asked. */
    public Optional<String> enrichment(UUID id) throws SQLException {
        try (Connection c = readOnly()) {
            return EventRows.enrichment(c, id);
        }
    }

    /** Stored events that came from this source (e.g. what reconciliation added). */
    public long countFrom(EventSource source) throws SQLException {
        try (Connection c = readOnly()) {
            return Jdbc.first(c, "SELECT COUNT(*) FROM inbound_event WHERE source = ?", r -> r.getLong(1), source.column())
                    .orElse(0L);
        }
    }

    /** The search text matches itself only: LIKE's wildcards in it are escaped. */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private Connection readOnly() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setReadOnly(true);
        return c;
    }

    private static Listed listed(ResultSet r) throws SQLException {
        return new Listed(r.getObject(1, UUID.class), r.getLong(2), Jdbc.instant(r, 3), r.getString(4), r.getString(5),
                r.getString(6));
    }
}
