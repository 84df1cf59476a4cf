package com.truustrules.rule;

import com.truustrules.config.TruustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the rule set. Broken files make it "degraded" but stay UP, since ingestion goes on; no
 * active rule at all is DOWN unless an empty set is declared intended (TRUUST_RULES_ALLOW_EMPTY), since
 * a deployment that lost its rules folder would otherwise store every event and act on none.
 */
@Readiness
@ApplicationScoped
public class RulesHealthCheck implements HealthCheck {

    @Inject
    RuleRegistry registry;

    @Inject
    TruustConfig config;

    @Override
    public HealthCheckResponse call() {
        RuleSet active = registry.active();
        int errors = registry.errors().size();
        HealthCheckResponseBuilder health = HealthCheckResponse.named("rules").up()
                .withData("state", errors == 0 ? "ok" : "degraded")
                .withData("rules", active.rules().size())
                .withData("version", active.version())
                .withData("errors", errors)
                .withData("dir", registry.loader().dir().toAbsolutePath().toString());
        if (active.rules().isEmpty() && !config.rules().allowEmpty()) {
            health.down().withData("reason", noRules(errors));
        }
        return health.build();
    }

    private String noRules(int errors) {
        String why = errors > 0 ? "the rule files have " + errors + " error(s) (GET /api/rules lists them)"
                : registry.loader().dir().toFile().isDirectory() ? "the folder has no rule file"
                : "the folder does not exist";
        return "no rule is active: " + why + "; point TRUUST_RULES_DIR at the rules folder, or set "
                + "TRUUST_RULES_ALLOW_EMPTY=true if running without rules is intended";
    }
}
