package com.truustrules.action;

import com.truustrules.event.Purgeable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** DONE and DEAD action jobs (with their attempts) past the retention age, purged through {@link ActionJobs}. */
@ApplicationScoped
public class FinishedJobs implements Purgeable {

    @Override
    public int purge(Connection c, Instant cutoff, int batch) throws SQLException {
        return ActionJobs.purgeFinished(c, cutoff, batch);
    }
}
