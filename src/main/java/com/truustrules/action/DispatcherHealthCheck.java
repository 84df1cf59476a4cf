package com.truustrules.action;

import com.truustrules.config.TruustConfig;
import com.truustrules.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when the dispatcher loop has stopped, or has made no claim pass for {@link #MISSED_POLLS}
 * poll intervals while jobs have been due that long: actions have stopped, and a restart is the cure.
 * A loop waiting for a busy worker is not stalled. The database is asked only once the loop looks
 * stalled; when it does not answer, the datasource readiness check says so, not liveness (a restart
 * does not bring a database back).
 */
@Liveness
@ApplicationScoped
public class DispatcherHealthCheck implements HealthCheck {

    static final String NAME = "action-dispatcher";
    /** Poll intervals without a claim pass after which the loop counts as stalled. */
    static final int MISSED_POLLS = 30;

    @Inject
    ActionDispatcher dispatcher;

    @Inject
    Transactions transactions;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named(NAME).up();
        if (!config.actions().enabled()) {
            return health.withData(NAME, "disabled").build();
        }
        ActionDispatcher.Liveness loop = dispatcher.liveness();
        if (loop.stopped()) {
            return health.down().withData(NAME, "stopped").withData("problem", NAME + " is stopped").build();
        }
        if (loop.waitingForWorker()) {
            return health.withData(NAME, "busy (every worker is running a job)").build();
        }
        Duration limit = config.actions().pollInterval().multipliedBy(MISSED_POLLS);
        if (loop.sinceLastPass().compareTo(limit) <= 0) {
            return health.withData(NAME, "ok").build();
        }
        return stalled(health, loop, limit);
    }

    private HealthCheckResponse stalled(HealthCheckResponseBuilder health, ActionDispatcher.Liveness loop, Duration limit) {
        boolean due;
        try {
            due = transactions.commitRedoable(c -> ActionJobs.anyDueBefore(c, clock.instant().minus(limit)));
        } catch (SQLException e) {
            return health.withData(NAME, "unknown (the database did not answer: " + e.getMessage() + ")").build();
        }
        if (!due) {
            return health.withData(NAME, "ok").build();
        }
        String problem = NAME + " is stuck (no claim pass for " + loop.sinceLastPass().toSeconds() + " s while jobs are due"
                + (loop.lastError() == null ? ")" : "; last error: " + loop.lastError() + ")");
        return health.down().withData(NAME, "stuck").withData("problem", problem).build();
    }
}
