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
 * ended, and how long after its event's receipt an action was done. Both read the dispatcher's own
 * index on action_job (status, due_at): a job is never due before it was created, so "due since the
 * range began" bounds the scan and the creation time filters within it; a WAITING job has no due
 * time yet, and those are few. The SQL is the same on H2 and PostgreSQL. (V11's index on (status,
 * created_at) did the same at the price of a further index entry moved by every status change of
 * every job; V12 dropped it.)
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
            + "FROM action_job WHERE status = ? AND due_at >= ? AND created_at >= ? AND created_at < ?) t GROUP BY f";
    private static final String WAITING = "SELECT 0, COUNT(*) FROM action_job WHERE status = 'WAITING' "
            + "AND created_at >= ? AND created_at < ?";

    /** Delayed actions wait on purpose and are left out; so are jobs of scheduled rules (no event). */
    private static final String LATENCIES = "SELECT " + Jdbc.epochHour("j.created_at") + ", "
            + "(EXTRACT(EPOCH FROM j.updated_at) - EXTRACT(EPOCH FROM e.received_at)) * 1000 "
            + "FROM action_job j JOIN inbound_event e ON e.id = j.event_id "
            + "WHERE j.status = 'DONE' AND j.due_at >= ? AND j.created_at >= ? AND j.created_at < ? AND j.delay_seconds = 0";

    @Inject
    AgroalDataSource dataSource;

    /** Jobs per status (and error kind) queued in [from, to): one range of the (status, due_at) index per status. */
    public List<StatusCount> byStatus(Instant from, Instant to) throws SQLException {
        List<StatusCount> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (JobStatus status : JobStatus.values()) {
                counts.addAll(status == JobStatus.WAITING
                        ? Jdbc.list(c, WAITING, r -> new StatusCount(status, false, false, r.getLong(2)), from, to)
                        : Jdbc.list(c, BY_STATUS, r -> new StatusCount(status, r.getInt(1) > 0, r.getInt(1) == 2,
                                r.getLong(2)), status.name(), from, from, to));
            }
        }
        return counts;
    }

    /** Every done job queued in [from, to), one row each: the caller keeps closed hours and computes percentiles. */
    public List<Latency> latencies(Instant from, Instant to) throws SQLException {
        return Jdbc.read(dataSource, LATENCIES, r -> new Latency(r.getLong(1), r.getDouble(2)), from, from, to);
    }

}
