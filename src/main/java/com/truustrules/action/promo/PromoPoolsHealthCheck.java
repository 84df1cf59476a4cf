package com.truustrules.action.promo;

import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionSpec;
import com.truustrules.action.ActionsLoaded;
import com.truustrules.action.ActiveActions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Codes left per pool. Stays UP, since events are still taken in, but is "degraded" when a pool an
 * active rule uses is empty or a pool file could not be imported.
 */
@Readiness
@ApplicationScoped
public class PromoPoolsHealthCheck implements HealthCheck {

    @Inject
    PromoPoolStock stock;

    @Inject
    ActiveActions active;

    @Inject
    ImportPromoPools importer;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("promo-pools").up();
        try {
            List<String> empty = report(health, usedPools());
            Map<String, String> errors = importer.errors();
            errors.forEach((pool, error) -> health.withData("import-error." + pool, error));
            health.withData("state", empty.isEmpty() && errors.isEmpty() ? "ok" : "degraded");
            if (!empty.isEmpty()) {
                health.withData("empty", String.join(", ", empty));
            }
        } catch (SQLException e) {
            health.withData("state", "unknown").withData("error", e.getMessage());
        }
        return health.build();
    }

    /** Adds remaining.POOL for each pool; returns the empty pools that active rules use. */
    private List<String> report(HealthCheckResponseBuilder health, Set<String> used) throws SQLException {
        Set<String> pools = new TreeSet<>(stock.tracked());
        pools.addAll(used);
        List<String> empty = new ArrayList<>();
        for (String pool : pools) {
            long remaining = stock.remaining(pool);
            health.withData("remaining." + pool, remaining);
            if (remaining == 0 && used.contains(pool)) {
                empty.add(pool);
            }
        }
        return empty;
    }

    private Set<String> usedPools() {
        Set<String> pools = new TreeSet<>();
        for (ActionsLoaded.RuleActions rule : active.current().rules()) {
            for (ActionSpec action : rule.actions()) {
                if (rule.enabled() && action.kind() == ActionKind.PROMO_CODE) {
                    pools.add(action.param("pool"));
                }
            }
        }
        return pools;
    }
}
