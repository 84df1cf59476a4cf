package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes a commit survive kill -9. PostgreSQL does so by itself (its WAL is flushed at commit);
 * embedded H2 keeps committed pages in memory until its background writer runs, so after each
 * commit that must not be lost we ask it to write them out.
 */
@ApplicationScoped
public class Durability {

    @Inject
    TruustConfig config;

    private volatile Boolean h2;

    public void flush(Connection connection) throws SQLException {
        if (!config.storage().h2Checkpoint() || !isH2(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    private boolean isH2(Connection connection) throws SQLException {
        if (h2 == null) {
            h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
        }
        return h2;
    }
}
