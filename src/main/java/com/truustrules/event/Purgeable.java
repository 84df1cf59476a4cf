package com.truustrules.event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A table whose finished rows {@link Retention} purges through the table's owner, which implements
 * this: the event side schedules the purge without writing other features' SQL.
 */
public interface Purgeable {

    /** Deletes up to {@code batch} rows finished before {@code cutoff}; returns how many it deleted. */
    int purge(Connection c, Instant cutoff, int batch) throws SQLException;
}
