package com.truustrules.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/** Plain-JDBC transactions whose commit survives kill -9: the one way the hot paths write. */
@ApplicationScoped
public class Transactions {

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Durability durability;

    /** Runs the work, commits and flushes; on any failure rolls back and rethrows. */
    public <T> T commit(Work<T> work) throws SQLException {
        return commit(work, true);
    }

    /**
     * Runs and commits work that is simply done again when a crash loses it: rule runs of events
     * still RECEIVED, claims of jobs still PENDING. It skips the flush, the costly part of an H2 commit;
     * the next flushed commit (an acknowledged event, a finished action) writes it out with its own.
     */
    public <T> T commitRedoable(Work<T> work) throws SQLException {
        return commit(work, false);
    }

    private <T> T commit(Work<T> work, boolean flush) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                if (flush) {
                    durability.flush(c);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
