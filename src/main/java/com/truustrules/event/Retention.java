package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/**
 * Deletes processed events (with their evaluations) and finished action jobs (with their attempts)
 * once they are older than the retention age, a batch at a time so no purge holds long locks.
 * Firings are kept: once-per means once, ever.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final String EVENTS = "DELETE FROM inbound_event WHERE id IN (SELECT id FROM inbound_event "
            + "WHERE status = 'PROCESSED' AND received_at < ? FETCH FIRST ? ROWS ONLY)";
    private static final String JOBS = "DELETE FROM action_job WHERE id IN (SELECT id FROM action_job "
            + "WHERE status IN ('DONE', 'DEAD') AND updated_at < ? FETCH FIRST ? ROWS ONLY)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${truust.retention.interval:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (SQLException e) {
            LOG.warnf("purge failed, will retry at the next run: %s", e.getMessage());
        }
    }

    /** Purges everything past the retention age; returns the number of events and jobs deleted. */
    public long purge() throws SQLException {
        Instant cutoff = clock.instant().minus(config.retention().maxAge());
        long deleted = deleteAll(JOBS, cutoff) + deleteAll(EVENTS, cutoff);
        if (deleted > 0) {
            LOG.infof("purged %d processed events and finished jobs older than %s", deleted, cutoff);
        }
        return deleted;
    }

    private long deleteAll(String sql, Instant cutoff) throws SQLException {
        long total = 0;
        int batch = config.retention().batchSize();
        try (Connection c = dataSource.getConnection(); PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            delete.setInt(2, batch);
            int deleted;
            do {
                deleted = delete.executeUpdate();
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }
}
