package com.truustrules.console.actions;

import com.truustrules.action.http.Redaction;
import com.truustrules.console.events.Times;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The console's read queries over action jobs: a filtered list, counts by state, ids to retry. */
@ApplicationScoped
public class JobSearch {

    @Inject
    AgroalDataSource dataSource;

    /** Newest first. */
    public List<JobRow> find(JobFilter filter, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id, rule_id, kind, event_id, status, attempts, last_error, due_at, updated_at FROM action_job"
                + where(filter, params) + " ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY";
        params.add(limit);
        List<JobRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(row(r));
            }
        }
        return rows;
    }

    /**
     * Ids of the retryable jobs the filter matches, oldest first, at most {@code limit}. In-doubt jobs
     * only when the filter names them: a bulk retry must not send a mail twice without a person choosing so.
     */
    public List<UUID> retryable(JobFilter filter, int limit) throws SQLException {
        if (filter.state() != null && !filter.state().retryable()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String states = filter.state() != null ? "" : " AND (" + JobState.RETRYING.condition + " OR " + JobState.DEAD.condition + ")";
        String sql = "SELECT id FROM action_job" + where(filter, params) + states + " ORDER BY created_at, id FETCH FIRST ? ROWS ONLY";
        params.add(limit);
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, params);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ids.add(r.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    /** Jobs per state, for the tabs. */
    public Map<JobState, Long> counts() throws SQLException {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT status, CASE WHEN last_error IS NULL THEN 0 WHEN last_error LIKE 'in doubt:%' THEN 2 ELSE 1 END, "
                        + "COUNT(*) FROM action_job GROUP BY status, 2"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String error = r.getInt(2) == 0 ? null : r.getInt(2) == 2 ? "in doubt:" : "failed";
                counts.merge(JobState.of(r.getString(1), error), r.getLong(3), Long::sum);
            }
        }
        return counts;
    }

    private static String where(JobFilter f, List<Object> params) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (f.state() != null) {
            sql.append(" AND ").append(f.state().condition);
        }
        add(sql, params, f.rule(), " AND rule_id = ?");
        add(sql, params, f.kind(), " AND kind = ?");
        add(sql, params, f.eventId(), " AND event_id = ?");
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> params, Object value, String clause) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
        return s;
    }

    private static JobRow row(ResultSet r) throws SQLException {
        String error = r.getString(7);
        JobState state = JobState.of(r.getString(5), error);
        UUID event = r.getObject(4, UUID.class);
        return new JobRow(r.getString(1), r.getString(2), r.getString(3), event == null ? "" : event.toString(),
                state.label(), r.getInt(6), error == null ? "" : Redaction.text(error),
                Times.text(instant(r.getObject(8, OffsetDateTime.class))),
                Times.text(instant(r.getObject(9, OffsetDateTime.class))), state.retryable(), state == JobState.IN_DOUBT);
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
