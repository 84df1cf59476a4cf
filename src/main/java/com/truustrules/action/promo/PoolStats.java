package com.truustrules.action.promo;

import com.truustrules.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
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
        return Jdbc.read(dataSource, "SELECT pool, "
                + "SUM(CASE WHEN idempotency_key IS NULL THEN 1 ELSE 0 END), COUNT(idempotency_key), "
                + "SUM(CASE WHEN idempotency_key IS NOT NULL AND taken_at >= ? THEN 1 ELSE 0 END) "
                + "FROM promo_code GROUP BY pool ORDER BY pool",
                r -> new Pool(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)), since);
    }
}
