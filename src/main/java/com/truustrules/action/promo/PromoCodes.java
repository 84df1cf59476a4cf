package com.truustrules.action.promo;

import com.truustrules.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of promo codes: import, look up, lock and bind, count. The same statements on H2 and PostgreSQL. */
final class PromoCodes {

    /** Rows per INSERT batch of an import. */
    static final int BATCH = 1000;

    /**
     * Free codes read per attempt to take one. They are read without locks, then locked one by one
     * with SKIP LOCKED, so concurrent takers step past each other; more takers than this at once on
     * one pool make the last ones retry.
     */
    static final int CANDIDATES = 32;

    private PromoCodes() {
    }

    /** A code and its pool. */
    record Taken(String pool, String code) {
    }

    static Set<String> existing(Connection c, String pool) throws SQLException {
        return new HashSet<>(Jdbc.list(c, "SELECT code FROM promo_code WHERE pool = ?", row -> row.getString(1), pool));
    }

    static void insert(Connection c, String pool, Collection<String> codes, Instant now) throws SQLException {
        Jdbc.batch(c, "INSERT INTO promo_code (pool, code, imported_at) VALUES (?, ?, ?)", codes, BATCH,
                (s, code) -> Jdbc.bind(s, pool, code, now));
    }

    /** The code already bound to this key, whatever its pool: a retry gets the same code. */
    static Optional<Taken> boundTo(Connection c, String key) throws SQLException {
        return Jdbc.first(c, "SELECT pool, code FROM promo_code WHERE idempotency_key = ?",
                row -> new Taken(row.getString(1), row.getString(2)), key);
    }

    /**
     * The first free codes in hand-out order (oldest import first, then by code). The ORDER BY names
     * the whole index, pool and idempotency_key included though the WHERE fixes them, so that H2 too
     * reads the index in order and stops after the first rows instead of sorting the pool.
     */
    static List<String> candidates(Connection c, String pool) throws SQLException {
        return Jdbc.list(c, "SELECT code FROM promo_code WHERE pool = ? AND idempotency_key IS NULL "
                + "ORDER BY pool, idempotency_key, imported_at, code FETCH FIRST " + CANDIDATES + " ROWS ONLY",
                row -> row.getString(1), pool);
    }

    /**
     * Locks one code by its primary key and tells whether it is still free. A code that another
     * transaction holds is skipped, not waited for. (H2 cannot lock only the first row of an
     * ordered FOR UPDATE: it locks every row it sorts, so the lock is taken by key.)
     */
    static boolean lockFree(Connection c, String pool, String code) throws SQLException {
        return Jdbc.first(c, "SELECT idempotency_key FROM promo_code WHERE pool = ? AND code = ? FOR UPDATE SKIP LOCKED",
                row -> row.getString(1) == null, pool, code).orElse(false);
    }

    /**
     * Binds a code that lockFree locked and found free in this transaction. The WHERE is the primary
     * key alone: with "AND idempotency_key IS NULL" H2 chose the free-codes index and read every free
     * code of the pool (90 ms instead of 6 ms per bind with 20,000 codes).
     */
    static void bind(Connection c, String pool, String code, String key, Instant now) throws SQLException {
        if (Jdbc.update(c, "UPDATE promo_code SET idempotency_key = ?, taken_at = ? WHERE pool = ? AND code = ?",
                key, now, pool, code) != 1) {
            throw new SQLException("promo code " + pool + "/" + code + " disappeared while locked");
        }
    }

    static long free(Connection c, String pool) throws SQLException {
        return Jdbc.first(c, "SELECT COUNT(*) FROM promo_code WHERE pool = ? AND idempotency_key IS NULL",
                row -> row.getLong(1), pool).orElse(0L);
    }
}
