package com.truustrules.action.promo;

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

/** Codes left and taken per pool, and how many went since a moment: the console's pools page. */
@ApplicationScoped
public class PoolStats {

    /** One pool's stock. {@code takenSince}: codes taken at or after the moment asked about. */
    public record Pool(String name, long left, long taken, long takenSince) {
    }

    @Inject
    AgroalDataSource dataSource;

    /** Every imported pool, by name; one pass over promo_code (pools are thousands of codes, not millions). */
    public List<Pool> all(Instant since) throws SQLException {
        List<Pool> pools = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT pool, "
                + "SUM(CASE WHEN idempotency_key IS NULL THEN 1 ELSE 0 END), COUNT(idempotency_key), "
                + "SUM(CASE WHEN idempotency_key IS NOT NULL AND taken_at >= ? THEN 1 ELSE 0 END) "
                + "FROM promo_code GROUP BY pool ORDER BY pool")) {
            c.setReadOnly(true);
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    pools.add(new Pool(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)));
                }
            }
        }
        return pools;
    }
}
