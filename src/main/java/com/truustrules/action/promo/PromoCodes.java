package com.truustrules.action.promo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
        Set<String> codes = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT code FROM promo_code WHERE pool = ?")) {
            s.setString(1, pool);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
            }
        }
        return codes;
    }

    static void insert(Connection c, String pool, Collection<String> codes, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO promo_code (pool, code, imported_at) VALUES (?, ?, ?)")) {
            int batched = 0;
            for (String code : codes) {
                s.setString(1, pool);
                s.setString(2, code);
                s.setObject(3, at(now));
                s.addBatch();
                if (++batched % BATCH == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** The code already bound to this key, whatever its pool: a retry gets the same code. */
    static Optional<Taken> boundTo(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pool, code FROM promo_code WHERE idempotency_key = ?")) {
            s.setString(1, key);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(new Taken(rows.getString(1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * The first free codes in hand-out order (oldest import first, then by code). The ORDER BY names
     * the whole index, pool and idempotency_key included though the WHERE fixes them, so that H2 too
     * reads the index in order and stops after the first rows instead of sorting the pool.
     */
    static List<String> candidates(Connection c, String pool) throws SQLException {
        List<String> codes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT code FROM promo_code WHERE pool = ? AND idempotency_key IS NULL "
                + "ORDER BY pool, idempotency_key, imported_at, code FETCH FIRST " + CANDIDATES + " ROWS ONLY")) {
            s.setString(1, pool);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    codes.add(rows.getString(1));
                }
            }
        }
        return codes;
    }

    /**
     * Locks one code by its primary key and tells whether it is still free. A code that another
     * transaction holds is skipped, not waited for. (H2 cannot lock only the first row of an
     * ordered FOR UPDATE: it locks every row it sorts, so the lock is taken by key.)
     */
    static boolean lockFree(Connection c, String pool, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT idempotency_key FROM promo_code WHERE pool = ? AND code = ? FOR UPDATE SKIP LOCKED")) {
            s.setString(1, pool);
            s.setString(2, code);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() && rows.getString(1) == null;
            }
        }
    }

    /**
     * Binds a code that lockFree locked and found free in this transaction. The WHERE is the primary
     * key alone: with "AND idempotency_key IS NULL" H2 chose the free-codes index and read every free
     * code of the pool (90 ms instead of 6 ms per bind with 20,000 codes).
     */
    static void bind(Connection c, String pool, String code, String key, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE promo_code SET idempotency_key = ?, taken_at = ? WHERE pool = ? AND code = ?")) {
            s.setString(1, key);
            s.setObject(2, at(now));
            s.setString(3, pool);
            s.setString(4, code);
            if (s.executeUpdate() != 1) {
                throw new SQLException("promo code " + pool + "/" + code + " disappeared while locked");
            }
        }
    }

    static long free(Connection c, String pool) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM promo_code WHERE pool = ? AND idempotency_key IS NULL")) {
            s.setString(1, pool);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** A duplicate key: another instance imported the same codes, or took for the same key, at the same time. */
    static boolean isUniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("23505".equals(sql.getSQLState())
                    || sql.getNextException() != null && "23505".equals(sql.getNextException().getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
