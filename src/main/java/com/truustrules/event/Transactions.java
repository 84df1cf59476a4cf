package com.truustrules.event;

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
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                durability.flush(c);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
