package com.truustrules.action;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only figures over action jobs created in a time range, for the console's overview: how they
 * ended, and how long after its event's receipt an action was done. Both read the index on
 * action_job (created_at) (V11); the SQL is the same on H2 and PostgreSQL.
 */
@ApplicationScoped
public class ActionStats {

    /** Jobs of one status; {@code failing}: with an error kept, {@code inDoubt}: dead "in doubt" (see V6). */
    public record StatusCount(JobStatus status, boolean failing, boolean inDoubt, long jobs) {
    }

    /** Receipt-to-done latency of jobs created in one hour (hours since the epoch, UTC; -1: the whole range). */
    public record Latency(long hour, long jobs, double p50Millis, double p99Millis) {
    }

    /** Milliseconds from the event's receipt to the job's completion; delayed actions wait on purpose and are left out. */
    private static final String LATENCIES = "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM j.created_at) / 3600) AS BIGINT) h, "
            + "(EXTRACT(EPOCH FROM j.updated_at) - EXTRACT(EPOCH FROM e.received_at)) * 1000 ms "
            + "FROM action_job j JOIN inbound_event e ON e.id = j.event_id "
            + "WHERE j.created_at >= ? AND j.created_at < ? AND j.status = 'DONE' AND j.delay_seconds = 0";

    private static final String PERCENTILES = "COUNT(*), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ms), "
            + "PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY ms)";

    @Inject
    AgroalDataSource dataSource;

    public List<StatusCount> byStatus(Instant from, Instant to) throws SQLException {
        List<StatusCount> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT status, f, COUNT(*) "
                + "FROM (SELECT status, CASE WHEN last_error IS NULL THEN 0 WHEN last_error LIKE 'in doubt:%' THEN 2 "
                + "ELSE 1 END f FROM action_job WHERE created_at >= ? AND created_at < ?) t GROUP BY status, f")) {
            c.setReadOnly(true);
            bind(s, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    int flag = r.getInt(2);
                    counts.add(new StatusCount(JobStatus.valueOf(r.getString(1)), flag > 0, flag == 2, r.getLong(3)));
                }
            }
        }
        return counts;
    }

    /** p50 and p99 per hour of creation, oldest first. */
    public List<Latency> latencyPerHour(Instant from, Instant to) throws SQLException {
        return latencies("SELECT h, " + PERCENTILES + " FROM (" + LATENCIES + ") t GROUP BY h ORDER BY h", from, to, true);
    }

    /** p50 and p99 over the whole range (hour -1); jobs 0 when none was done. */
    public Latency latency(Instant from, Instant to) throws SQLException {
        return latencies("SELECT -1, " + PERCENTILES + " FROM (" + LATENCIES + ") t", from, to, false).get(0);
    }

    private List<Latency> latencies(String sql, Instant from, Instant to, boolean perHour) throws SQLException {
        List<Latency> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setReadOnly(true);
            bind(s, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Latency(perHour ? r.getLong(1) : -1, r.getLong(2), r.getDouble(3), r.getDouble(4)));
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement s, Instant from, Instant to) throws SQLException {
        s.setObject(1, from.atOffset(ZoneOffset.UTC));
        s.setObject(2, to.atOffset(ZoneOffset.UTC));
    }
}
