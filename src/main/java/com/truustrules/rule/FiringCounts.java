package com.truustrules.rule;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Read-only: how often each rule fired, per hour, for the console's overview. */
@ApplicationScoped
public class FiringCounts {

    /** Firings of one rule in one hour; {@code hour} is hours since the epoch (UTC). */
    public record RuleHour(String rule, long hour, long firings) {
    }

    private static final String HOUR = "CAST(FLOOR(EXTRACT(EPOCH FROM fired_at) / 3600) AS BIGINT)";

    @Inject
    AgroalDataSource dataSource;

    /** Firings per rule and hour in [from, to); the index on fired_at bounds the scan to the range. */
    public List<RuleHour> perRuleAndHour(Instant from, Instant to) throws SQLException {
        List<RuleHour> counts = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT rule_id, " + HOUR
                + ", COUNT(*) FROM rule_firing WHERE fired_at >= ? AND fired_at < ? GROUP BY rule_id, " + HOUR)) {
            c.setReadOnly(true);
            s.setObject(1, from.atOffset(ZoneOffset.UTC));
            s.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.add(new RuleHour(r.getString(1), r.getLong(2), r.getLong(3)));
                }
            }
        }
        return counts;
    }
}
