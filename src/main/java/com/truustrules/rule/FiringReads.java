package com.truustrules.rule;

import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Read-only queries over rule_firing for the surfaces above (the console's rule and event lists, the
 * stats). {@link FiringState} is the table's one writer.
 */
@ApplicationScoped
public class FiringReads {

    /** One rule's firings: when it last fired, and how often since a given time. */
    public record Firings(Instant last, long since) {
    }

    /** An evaluation of a rule on one stored event. */
    public record Candidate(Evaluation evaluation, UUID eventId) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FiringState state;

    /**
     * What settling each candidate would decide (a match becomes ALREADY_FIRED or LIMIT_REACHED, or stays
     * MATCHED), reading only, in the candidates' order: for a backfill's preview.
     */
    public List<Evaluation> preview(Rule rule, List<Candidate> candidates) throws SQLException {
        List<Evaluation> outcomes = new ArrayList<>(candidates.size());
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (Candidate candidate : candidates) {
                Evaluation evaluation = candidate.evaluation();
                outcomes.add(evaluation.outcome() == Evaluation.Outcome.MATCHED
                        ? state.preview(c, rule, evaluation, candidate.eventId()) : evaluation);
            }
        }
        return outcomes;
    }

    /** Per rule that ever fired: its last firing and the firings at or after {@code since}. */
    public Map<String, Firings> byRule(Instant since) throws SQLException {
        record Row(String rule, Firings firings) {
        }
        Map<String, Firings> stats = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (Row row : Jdbc.list(c, "SELECT rule_id, MAX(fired_at), SUM(CASE WHEN fired_at >= ? THEN 1 ELSE 0 END) "
                    + "FROM rule_firing GROUP BY rule_id", r -> new Row(r.getString(1), new Firings(Jdbc.instant(r, 2),
                    r.getLong(3))), since)) {
                stats.put(row.rule(), row.firings());
            }
        }
        return stats;
    }

    /** The rules each of the events fired, by event; events that fired none are left out. */
    public Map<UUID, SortedSet<String>> rulesFiredBy(List<UUID> events) throws SQLException {
        Map<UUID, SortedSet<String>> fired = new HashMap<>();
        if (events.isEmpty()) {
            return fired;
        }
        record Row(UUID event, String rule) {
        }
        try (Connection c = dataSource.getConnection()) {
            for (Row row : Jdbc.list(c, "SELECT event_id, rule_id FROM rule_firing WHERE event_id IN ("
                    + Jdbc.marks(events.size()) + ")", r -> new Row(r.getObject(1, UUID.class), r.getString(2)), events.toArray())) {
                fired.computeIfAbsent(row.event(), k -> new TreeSet<>()).add(row.rule());
            }
        }
        return fired;
    }

    /** Firings so far, all rules. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.first(c, "SELECT COUNT(*) FROM rule_firing", r -> r.getLong(1)).orElse(0L);
        }
    }
}
