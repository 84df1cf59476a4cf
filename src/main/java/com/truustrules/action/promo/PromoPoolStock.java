package com.truustrules.action.promo;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is left in each pool, counted in the database on each read so that every instance reports the
 * same: the gauge truust.promo.remaining{pool}, the counter truust.promo.exhausted{pool}, and health.
 */
@ApplicationScoped
public class PromoPoolStock {

    static final String REMAINING = "truust.promo.remaining";
    static final String EXHAUSTED = "truust.promo.exhausted";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    private final Set<String> tracked = ConcurrentHashMap.newKeySet();

    /** Publishes the pool's metrics, once. */
    void track(String pool) {
        if (tracked.add(pool)) {
            Gauge.builder(REMAINING, this, stock -> stock.remainingOrNaN(pool)).tag("pool", pool)
                    .description("Free codes left in a promo-code pool").strongReference(true).register(metrics);
            exhaustedCounter(pool);
        }
    }

    void exhausted(String pool) {
        exhaustedCounter(pool).increment();
    }

    /** The pools imported so far, sorted. */
    Set<String> tracked() {
        return new TreeSet<>(tracked);
    }

    long remaining(String pool) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return PromoCodes.free(c, pool);
        }
    }

    private double remainingOrNaN(String pool) {
        try {
            return remaining(pool);
        } catch (SQLException e) {
            // A scrape while the database is away reports "unknown", not a stale or made-up number.
            return Double.NaN;
        }
    }

    private Counter exhaustedCounter(String pool) {
        return Counter.builder(EXHAUSTED).tag("pool", pool)
                .description("Promo-code actions that failed because their pool was empty").register(metrics);
    }
}
