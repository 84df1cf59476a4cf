package com.truustrules.action;

import com.truustrules.config.TruustConfig;
import com.truustrules.db.Embedded;
import com.truustrules.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Claims due jobs for the dispatcher: each claim commits a lease of {@code truust.actions.lease}
 * before any of its jobs runs. Without H2's checkpoint: a claim lost in a crash of the service is
 * simply claimed again. On PostgreSQL it waits for the WAL flush, since the instance may outlive a
 * crash of the database that loses it (see {@link ActionJobs#claim}).
 *
 * <p>The first claim on the embedded database first ends the leases an earlier run of this service
 * left (it was killed with jobs in hand): no other process can hold them, so its mails need not wait
 * out the lease. A job that had begun sending is then left "in doubt", as after any lapsed lease.
 */
@ApplicationScoped
public class JobClaims {

    private static final Logger LOG = Logger.getLogger(JobClaims.class);

    @Inject
    Transactions transactions;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    /** Set by the first claim that committed; only the dispatcher's loop claims. */
    private volatile boolean started;

    /**
     * Up to {@code limit} due jobs (or jobs whose lease ran out, except this instance's own, still in
     * hand), now leased to this instance.
     */
    List<ClaimedJob> claim(int limit, Set<UUID> ownJobs) throws SQLException {
        Instant now = clock.instant();
        List<ClaimedJob> jobs = transactions.commitRedoable(c -> {
            if (!started && Embedded.onlyThisProcess(c)) {
                endEarlierLeases(c, now);
            }
            return ActionJobs.claim(c, now, limit, now.plus(config.actions().lease()), ownJobs);
        });
        started = true;
        return jobs;
    }

    private static void endEarlierLeases(Connection c, Instant now) throws SQLException {
        int ended = ActionJobs.endLeases(c, now);
        if (ended > 0) {
            LOG.infof("%d action jobs were in hand when this service last stopped without finishing them; "
                    + "they are taken up again now instead of when their leases end", ended);
        }
    }
}
