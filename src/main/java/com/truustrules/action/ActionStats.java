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
 * action_job (status, created_at) (V11); the SQL is the same on H2 and PostgreSQL.
 */
@ApplicationScoped
public class ActionStats {

    /** Jobs of one status; {@code failing}: with an error kept, {@code inDoubt}: dead "in doubt" (see V6). */
    public record StatusCount(JobStatus status, boolean failing, boolean inDoubt, long jobs) {
    }

    /** One done job: the hour it was queued (hours since the epoch, UTC) and milliseconds from its event's receipt to done. */
    public record Latency(long hour, double millis) {
    }

    /** Delayed actions wait on purpose and are left out; so are jobs of scheduled rules (no event). */
    private static final String LATENCIES = "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM j.created_at) / 3600) AS BIGINT), "
            + "(EXTRACT(EPOCH FROM j.updated_at) - EXTRACT(EPOCH FROM e.received_at)) * 1000 "
            + "FROM action_job j JOIN inbound_event e ON e.id = j.event_id "
            + "WHERE j.created_at >= ? AND j.created_at < ? AND j.status = 'DONE' AND j.delay_seconds = 0";

    @Inject
    AgroalDataSource dataSource;

    /** Jobs per status (and error kind) queued in [from, to): one range of the (status, created_at) index per status. */
    public List<StatusCount> byStatus(Instant from, Instant to) throws SQLException {
        List<StatusCount> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT f, COUNT(*) "
                + "FROM (SELECT CASE WHEN last_error IS NULL THEN 0 WHEN last_error LIKE 'in doubt:%' THEN 2 ELSE 1 END f "
                + "FROM action_job WHERE status = ? AND created_at >= ? AND created_at < ?) t GROUP BY f")) {
            c.setReadOnly(true);
            for (JobStatus status : JobStatus.values()) {
                s.setString(1, status.name());
                s.setObject(2, from.atOffset(ZoneOffset.UTC));
                s.setObject(3, to.atOffset(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        int flag = r.getInt(1);
                        counts.add(new StatusCount(status, flag > 0, flag == 2, r.getLong(2)));
                    }
                }
            }
        }
        return counts;
    }

    /** Every done job queued in [from, to), one row each: the caller keeps closed hours and computes percentiles. */
    public List<Latency> latencies(Instant from, Instant to) throws SQLException {
        List<Latency> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LATENCIES)) {
            c.setReadOnly(true);
            bind(s, from, to);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Latency(r.getLong(1), r.getDouble(2)));
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
