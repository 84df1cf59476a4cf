package com.truustrules.action;

import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-only queries over action_job for the surfaces above (the console's job list, its tabs and
 * Retry all, the stats). Writes, a retry by hand included, go through {@link ActionJobs}.
 */
@ApplicationScoped
public class JobReads {

    /** How jobs are grouped for people: the stored status, with PENDING and DEAD split the way ops ask about them. */
    public enum Group {
        DUE("status = 'PENDING' AND last_error IS NULL"),
        RETRYING("status = 'PENDING' AND last_error IS NOT NULL"),
        WAITING("status = 'WAITING'"),
        RUNNING("status = 'RUNNING'"),
        DEAD("status = 'DEAD' AND (last_error IS NULL OR last_error NOT LIKE 'in doubt:%')"),
        IN_DOUBT("status = 'DEAD' AND last_error LIKE 'in doubt:%'"),
        DONE("status = 'DONE'");

        /** The SQL condition on action_job; fixed text, never built from input. */
        private final String condition;

        Group(String condition) {
            this.condition = condition;
        }

        public static Group of(String status, String lastError) {
            return switch (status) {
                case "PENDING" -> lastError == null ? DUE : RETRYING;
                case "DEAD" -> lastError != null && lastError.startsWith("in doubt:") ? IN_DOUBT : DEAD;
                default -> valueOf(status);
            };
        }

        /** What a person may re-queue ({@link ActionJobs#requeue}): a failed or dead job. */
        public boolean retryable() {
            return this == RETRYING || this == DEAD || this == IN_DOUBT;
        }
    }

    /** One job as a list shows it. */
    public record Listed(UUID id, String ruleId, String kind, UUID eventId, Group group, int attempts, String lastError,
            Instant dueAt, Instant updatedAt) {
    }

    /** The job list's filters; null means "any". */
    public record Search(Group group, String rule, String kind, UUID eventId) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Newest first, at most {@code limit}. */
    public List<Listed> search(Search filter, int limit) throws SQLException {
        Jdbc.Query query = where(new Jdbc.Query("SELECT id, rule_id, kind, event_id, status, attempts, last_error, due_at, "
                + "updated_at FROM action_job"), filter).append(" ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY", limit);
        try (Connection c = dataSource.getConnection()) {
            return query.list(c, JobReads::listed);
        }
    }

    /**
     * Ids of the retryable jobs the filter matches, oldest first, at most {@code limit}. In-doubt jobs
     * only when the filter names them: a bulk retry must not send a mail twice without a person choosing so.
     */
    public List<UUID> retryable(Search filter, int limit) throws SQLException {
        if (filter.group() != null && !filter.group().retryable()) {
            return List.of();
        }
        Jdbc.Query query = where(new Jdbc.Query("SELECT id FROM action_job"), filter);
        if (filter.group() == null) {
            query.append(" AND (" + Group.RETRYING.condition + " OR " + Group.DEAD.condition + ")");
        }
        query.append(" ORDER BY created_at, id FETCH FIRST ? ROWS ONLY", limit);
        try (Connection c = dataSource.getConnection()) {
            return query.list(c, r -> r.getObject(1, UUID.class));
        }
    }

    /** Jobs per group. */
    public Map<Group, Long> counts() throws SQLException {
        record Count(String status, String error, long jobs) {
        }
        List<Count> rows;
        try (Connection c = dataSource.getConnection()) {
            rows = Jdbc.list(c, "SELECT status, CASE WHEN last_error IS NULL THEN 0 WHEN last_error LIKE 'in doubt:%' THEN 2 "
                    + "ELSE 1 END, COUNT(*) FROM action_job GROUP BY status, 2", r -> new Count(r.getString(1),
                    r.getInt(2) == 0 ? null : r.getInt(2) == 2 ? "in doubt:" : "failed", r.getLong(3)));
        }
        Map<Group, Long> counts = new EnumMap<>(Group.class);
        rows.forEach(row -> counts.merge(Group.of(row.status(), row.error()), row.jobs(), Long::sum));
        return counts;
    }

    /** Jobs by stored status. */
    public Map<String, Long> countByStatus() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.counts(c, "SELECT status, COUNT(*) FROM action_job GROUP BY status");
        }
    }

    private static Jdbc.Query where(Jdbc.Query query, Search f) {
        query.append(" WHERE 1 = 1");
        if (f.group() != null) {
            query.append(" AND " + f.group().condition);
        }
        return query.and(f.rule(), " AND rule_id = ?").and(f.kind(), " AND kind = ?").and(f.eventId(), " AND event_id = ?");
    }

    private static Listed listed(ResultSet r) throws SQLException {
        String error = r.getString(7);
        return new Listed(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getObject(4, UUID.class),
                Group.of(r.getString(5), error), r.getInt(6), error, Jdbc.instant(r, 8), Jdbc.instant(r, 9));
    }
}
