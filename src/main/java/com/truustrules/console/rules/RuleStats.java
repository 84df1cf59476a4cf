package com.truustrules.console.rules;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Firings per rule, read off rule_firing: when each last fired and how often since midnight UTC. */
@ApplicationScoped
public class RuleStats {

    /** One rule's firings. */
    public record Firings(Instant last, long today) {
    }

    @Inject
    AgroalDataSource dataSource;

    public Map<String, Firings> byRule(Instant midnight) throws SQLException {
        Map<String, Firings> stats = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT rule_id, "
                + "MAX(fired_at), SUM(CASE WHEN fired_at >= ? THEN 1 ELSE 0 END) FROM rule_firing GROUP BY rule_id")) {
            s.setObject(1, midnight.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stats.put(r.getString(1), new Firings(r.getObject(2, OffsetDateTime.class).toInstant(), r.getLong(3)));
                }
            }
        }
        return stats;
    }
}
