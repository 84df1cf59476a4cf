package com.truustrules.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** What only holds for the embedded database: no other process can have it open. */
public final class Embedded {

    private Embedded() {
    }

    /**
     * Whether this process is the database's only user: H2 opened in process (a file, which H2 locks
     * against a second process, or memory), not through a server, AUTO_SERVER or with the file lock off.
     * PostgreSQL never is: other instances may share it.
     */
    public static boolean onlyThisProcess(Connection c) throws SQLException {
        if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
            return false;
        }
        String url = c.getMetaData().getURL().toUpperCase(Locale.ROOT);
        boolean inProcess = !url.startsWith("JDBC:H2:TCP:") && !url.startsWith("JDBC:H2:SSL:");
        return inProcess && !url.contains("AUTO_SERVER=TRUE") && !url.contains("FILE_LOCK=NO");
    }
}
