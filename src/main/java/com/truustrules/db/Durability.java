package com.truustrules.db;

import com.truustrules.config.TruustConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a commit survive kill -9. PostgreSQL does so by itself (its WAL is flushed at commit);
 * embedded H2 keeps committed pages in memory until its background writer runs, so after each
 * commit that must not be lost we ask it to write them out.
 *
 * <p>A CHECKPOINT writes everything committed before it began, whichever connection committed it,
 * and it is the most expensive statement of ingest. So concurrent callers share one: a caller whose
 * commit is already covered by a checkpoint that began after it returns without writing again.
 */
@ApplicationScoped
public class Durability {

    @Inject
    TruustConfig config;

    @Inject
    AgroalDataSource dataSource;

    private volatile Boolean h2;
    /** Commits that asked to be flushed, counted after they committed. */
    private final AtomicLong committed = new AtomicLong();
    private final Object writing = new Object();
    /** The count of commits the last finished checkpoint covers; guarded by {@code writing}. */
    private long covered;

    /** Call right after a commit: returns once that commit is on disk (for H2: written out by a checkpoint). */
    public void flush(Connection connection) throws SQLException {
        if (!config.storage().h2Checkpoint() || !isH2(connection)) {
            return;
        }
        long mine = committed.incrementAndGet();
        synchronized (writing) {
            if (covered >= mine) {
                return;
            }
            long upTo = committed.get();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            covered = upTo;
        }
    }

    /**
     * As {@link #flush(Connection)}, for a caller without a connection: borrows one only while a
     * checkpoint may be needed, so that on PostgreSQL it costs nothing.
     */
    public void flush() throws SQLException {
        if (!config.storage().h2Checkpoint() || Boolean.FALSE.equals(h2)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            flush(connection);
        }
    }

    private boolean isH2(Connection connection) throws SQLException {
        if (h2 == null) {
            h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
        }
        return h2;
    }
}
