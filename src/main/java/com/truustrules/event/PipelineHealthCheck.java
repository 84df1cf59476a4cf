package com.truustrules.event;

import com.truustrules.config.TruustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * DOWN when a pipeline thread is gone or has been busy with one piece of work for longer than
 * {@code truust.processor.stall-timeout}: ingest or processing has stopped, and a restart is the cure.
 */
@Liveness
@ApplicationScoped
public class PipelineHealthCheck implements HealthCheck {

    @Inject
    EventWriter writer;

    @Inject
    EventProcessor processor;

    @Inject
    TruustConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("pipeline").up();
        List<String> problems = new ArrayList<>();
        for (PipelineThread thread : writer.threads()) {
            report(health, problems, thread.name(), thread.thread().isAlive(), thread.busySince(), System.currentTimeMillis());
        }
        report(health, problems, "event-processor", true, processor.busySince(), System.currentTimeMillis());
        if (!problems.isEmpty()) {
            health.down().withData("problem", String.join("; ", problems));
        }
        return health.build();
    }

    private void report(HealthCheckResponseBuilder health, List<String> problems, String name, boolean alive,
            long busySince, long now) {
        long busyMillis = busySince == 0 ? 0 : now - busySince;
        String state = !alive ? "dead" : busyMillis > config.processor().stallTimeout().toMillis() ? "stuck" : "ok";
        health.withData(name, state);
        if (!state.equals("ok")) {
            problems.add(name + " is " + state + (alive ? " (busy for " + busyMillis / 1000 + " s)" : ""));
        }
    }
}
