package com.truustrules.console.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The console's read query over stored events: one page, newest first, with the rules each fired. */
@ApplicationScoped
public class EventSearch {

    /** The page and the cursor of the next one (null on the last). */
    public record Page(List<EventRow> rows, Long next) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    public Page find(EventFilter filter, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<EventRow> rows = rows(c, filter, limit + 1);
            Long next = rows.size() > limit ? rows.get(limit - 1).seq() : null;
            List<EventRow> page = rows.size() > limit ? rows.subList(0, limit) : rows;
            return new Page(withRulesFired(c, page), next);
        }
    }

    private List<EventRow> rows(Connection c, EventFilter f, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT e.id, e.seq, e.received_at, e.type, e.status, e.body "
                + "FROM inbound_event e WHERE 1 = 1");
        where(sql, params, f.type(), " AND e.type = ?");
        where(sql, params, f.status(), " AND e.status = ?");
        where(sql, params, f.since() == null ? null : f.since().atOffset(ZoneOffset.UTC), " AND e.received_at >= ?");
        where(sql, params, f.until() == null ? null : f.until().atOffset(ZoneOffset.UTC), " AND e.received_at < ?");
        where(sql, params, f.before(), " AND e.seq < ?");
        where(sql, params, f.rule(), " AND EXISTS (SELECT 1 FROM rule_firing r WHERE r.event_id = e.id AND r.rule_id = ?)");
        where(sql, params, f.text() == null ? null : "%" + likeEscaped(f.text().toLowerCase(Locale.ROOT)) + "%",
                " AND LOWER(e.body) LIKE ? ESCAPE '!'");
        sql.append(" ORDER BY e.seq DESC FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(i + 1, params.get(i));
            }
            return read(s);
        }
    }

    private static void where(StringBuilder sql, List<Object> params, Object value, String clause) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    /** The search text matches itself only: LIKE's wildcards in it are escaped. */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private List<EventRow> read(PreparedStatement s) throws SQLException {
        List<EventRow> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new EventRow(r.getString(1), r.getLong(2),
                        Times.text(r.getObject(3, OffsetDateTime.class).toInstant()), r.getString(4),
                        orderId(r.getString(6)), r.getString(5), ""));
            }
        }
        return rows;
    }

    /** escrow.id of the body, or empty: a body that is not the usual shape still lists. */
    public String orderId(String body) {
        try {
            JsonNode id = json.readTree(body).path("escrow").path("id");
            return id.isValueNode() ? id.asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private static List<EventRow> withRulesFired(Connection c, List<EventRow> page) throws SQLException {
        if (page.isEmpty()) {
            return page;
        }
        Map<String, TreeSet<String>> fired = new TreeMap<>();
        String marks = String.join(",", Collections.nCopies(page.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT event_id, rule_id FROM rule_firing WHERE event_id IN (" + marks + ")")) {
            for (int i = 0; i < page.size(); i++) {
                s.setObject(i + 1, java.util.UUID.fromString(page.get(i).id()));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fired.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(2));
                }
            }
        }
        return page.stream().map(e -> new EventRow(e.id(), e.seq(), e.receivedAt(), e.type(), e.orderId(), e.status(),
                String.join(", ", fired.getOrDefault(e.id(), new TreeSet<>())))).toList();
    }
}
