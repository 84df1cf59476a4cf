package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes processed events (with their evaluations) and, through their owners ({@link Purgeable}),
 * finished action jobs (with their attempts) once they are older than the retention age, a batch at
 * a time so no purge holds long locks. Firings are kept: once-per means once, ever.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TruustConfig config;

    /** The other tables' owners: action jobs. */
    @Inject
    Instance<Purgeable> others;

    @Inject
    Clock clock;

    @Scheduled(every = "${truust.retention.interval}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge();
        } catch (SQLException e) {
            LOG.warn("purge failed, will retry at the next run", e);
        }
    }

    /** Purges everything past the retention age; returns the number of events and jobs deleted. */
    public long purge() throws SQLException {
        Instant cutoff = clock.instant().minus(config.retention().maxAge());
        long deleted = 0;
        for (Purgeable table : others) {
            deleted += deleteAll(table, cutoff);
        }
        deleted += deleteAll(EventRows::purgeProcessed, cutoff);
        if (deleted > 0) {
            LOG.infof("purged %d processed events and finished jobs older than %s", deleted, cutoff);
        }
        return deleted;
    }

    /** Purges a batch at a time, each in its own (auto) commit, so no purge holds long locks. */
    private long deleteAll(Purgeable table, Instant cutoff) throws SQLException {
        long total = 0;
        int batch = config.retention().batchSize();
        try (Connection c = dataSource.getConnection()) {
            int deleted;
            do {
                deleted = table.purge(c, cutoff, batch);
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }
}
