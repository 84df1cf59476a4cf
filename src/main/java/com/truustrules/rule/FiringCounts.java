package com.truustrules.rule;

import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Read-only: how often each rule fired, per hour, for the console's overview. */
@ApplicationScoped
public class FiringCounts {

    /** Firings of one rule in one hour; {@code hour} is hours since the epoch (UTC). */
    public record RuleHour(String rule, long hour, long firings) {
    }

    private static final String HOUR = Jdbc.epochHour("fired_at");

    @Inject
    AgroalDataSource dataSource;

    /** Firings per rule and hour in [from, to); the index on fired_at bounds the scan to the range. */
    public List<RuleHour> perRuleAndHour(Instant from, Instant to) throws SQLException {
        return Jdbc.read(dataSource, "SELECT rule_id, " + HOUR + ", COUNT(*) FROM rule_firing WHERE fired_at >= ? "
                + "AND fired_at < ? GROUP BY rule_id, " + HOUR, r -> new RuleHour(r.getString(1), r.getLong(2), r.getLong(3)),
                from, to);
    }
}
