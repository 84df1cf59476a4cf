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
import java.util.LinkedHashMap;
import java.util.Map;

/** Read-only: how often each rule fired in a time range, for the console's overview. */
@ApplicationScoped
public class FiringCounts {

    @Inject
    AgroalDataSource dataSource;

    /** Firings per rule in [from, to), most first; the index on fired_at bounds the scan to the range. */
    public Map<String, Long> perRule(Instant from, Instant to) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT rule_id, COUNT(*) n "
                + "FROM rule_firing WHERE fired_at >= ? AND fired_at < ? GROUP BY rule_id ORDER BY n DESC, rule_id")) {
            c.setReadOnly(true);
            s.setObject(1, from.atOffset(ZoneOffset.UTC));
            s.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return counts;
    }
}
