package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * FAILED events, the backlog of old RECEIVED ones, and old PENDING ones (waiting for Truust's API
 * longer than the backlog age). Any makes it "degraded" but it stays UP: ingest still works, and
 * taking the instance out of service would only refuse webhooks too. UNCONFIRMED events are counted
 * but do not degrade it: anyone can send a forged webhook.
 */
@Readiness
@ApplicationScoped
public class EventsHealthCheck implements HealthCheck {

    @Inject
    DataSource dataSource;

    @Inject
    TruustConfig config;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("events").up();
        try (Connection c = dataSource.getConnection()) {
            long[] counts = EventRows.failedBacklogPendingUnconfirmed(c, clock.instant().minus(config.processor().backlogAge()));
            health.withData("state", counts[0] == 0 && counts[1] == 0 && counts[2] == 0 ? "ok" : "degraded")
                    .withData("failed", counts[0])
                    .withData("backlog", counts[1])
                    .withData("pending", counts[2])
                    .withData("unconfirmed", counts[3])
                    .withData("backlog-age", config.processor().backlogAge().toString());
        } catch (SQLException e) {
            health.withData("state", "unknown").withData("error", String.valueOf(e.getMessage()));
        }
        return health.build();
    }
}
