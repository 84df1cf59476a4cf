package com.truustrules.action;

import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
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

    /** Jobs of one status by error kind: 0 none, 1 an error, 2 "in doubt". */
    private static final String BY_STATUS = "SELECT f, COUNT(*) FROM (SELECT CASE WHEN last_error IS NULL THEN 0 "
            + "WHEN last_error LIKE 'in doubt:%' THEN 2 ELSE 1 END f "
            + "FROM action_job WHERE status = ? AND created_at >= ? AND created_at < ?) t GROUP BY f";

    /** Delayed actions wait on purpose and are left out; so are jobs of scheduled rules (no event). */
    private static final String LATENCIES = "SELECT " + Jdbc.epochHour("j.created_at") + ", "
            + "(EXTRACT(EPOCH FROM j.updated_at) - EXTRACT(EPOCH FROM e.received_at)) * 1000 "
            + "FROM action_job j JOIN inbound_event e ON e.id = j.event_id "
            + "WHERE j.created_at >= ? AND j.created_at < ? AND j.status = 'DONE' AND j.delay_seconds = 0";

    @Inject
    AgroalDataSource dataSource;

    /** Jobs per status (and error kind) queued in [from, to): one range of the (status, created_at) index per status. */
    public List<StatusCount> byStatus(Instant from, Instant to) throws SQLException {
        List<StatusCount> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (JobStatus status : JobStatus.values()) {
                counts.addAll(Jdbc.list(c, BY_STATUS, r -> new StatusCount(status, r.getInt(1) > 0, r.getInt(1) == 2,
                        r.getLong(2)), status.name(), from, to));
            }
        }
        return counts;
    }

    /** Every done job queued in [from, to), one row each: the caller keeps closed hours and computes percentiles. */
    public List<Latency> latencies(Instant from, Instant to) throws SQLException {
        return Jdbc.read(dataSource, LATENCIES, r -> new Latency(r.getLong(1), r.getDouble(2)), from, to);
    }

}
