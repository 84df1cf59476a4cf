package com.truustrules.console.rules;

import com.truustrules.rule.FiringReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Firings per rule, read through {@link FiringReads}: when each last fired and how often since midnight UTC. */
@ApplicationScoped
public class RuleStats {

    /** One rule's firings. */
    public record Firings(Instant last, long today) {
    }

    @Inject
    FiringReads reads;

    public Map<String, Firings> byRule(Instant midnight) throws SQLException {
        Map<String, Firings> stats = new HashMap<>();
        reads.byRule(midnight).forEach((rule, firings) -> stats.put(rule, new Firings(firings.last(), firings.since())));
        return stats;
    }
}
