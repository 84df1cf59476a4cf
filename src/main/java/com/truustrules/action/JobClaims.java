package com.truustrules.action;

import com.truustrules.config.TruustConfig;
import com.truustrules.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Claims due jobs for the dispatcher: each claim commits a lease of {@code truust.actions.lease}
 * before any of its jobs runs. Not flushed: a claim lost in a crash is simply claimed again.
 */
@ApplicationScoped
public class JobClaims {

    @Inject
    Transactions transactions;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    /**
     * Up to {@code limit} due jobs (or jobs whose lease ran out, except this instance's own, still in
     * hand), now leased to this instance.
     */
    List<ClaimedJob> claim(int limit, Set<UUID> ownJobs) throws SQLException {
        Instant now = clock.instant();
        return transactions.commitRedoable(c -> ActionJobs.claim(c, now, limit, now.plus(config.actions().lease()), ownJobs));
    }
}
