package com.truustrules.rule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports the rule set; broken files make it "degraded" but stay UP, since ingestion goes on. */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    @Inject
    RuleRegistry registry;

    @Override
    public HealthCheckResponse call() {
        RuleSet active = registry.active();
        int errors = registry.errors().size();
        return HealthCheckResponse.named("rules").up()
                .withData("state", errors == 0 ? "ok" : "degraded")
                .withData("rules", active.rules().size())
                .withData("version", active.version())
                .withData("errors", errors)
                .build();
    }
}
