package com.truustrules.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The plain-JDBC steps the table owners share: prepare and bind, read rows, tell a duplicate key, and
 * move instants in and out of TIMESTAMP WITH TIME ZONE columns. The same on H2 and PostgreSQL.
 *
 * <p>An {@link Instant} parameter is bound as an {@link OffsetDateTime} in UTC: both drivers take that
 * type for the columns, neither takes an Instant on every version, and a fixed offset keeps the value
 * independent of the JVM's zone.
 */
public final class Jdbc {

    /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Reads one row of a result (the cursor is on it). */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Binds one item of a batch to the statement's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** A query built from optional parts: each condition is added only with a value, bound in order. */
    public static final class Query {
        private final StringBuilder sql;
        private final List<Object> params = new ArrayList<>();

        /** Starts with fixed text (never input) and its parameters. */
        public Query(String start, Object... values) {
            sql = new StringBuilder(start);
            params.addAll(Arrays.asList(values));
        }

        /** Appends the clause with its one parameter, or nothing when the value is null. */
        public Query and(Object value, String clause) {
            return value == null ? this : append(clause, value);
        }

        /** Appends fixed text (never input) and its parameters. */
        public Query append(String text, Object... values) {
            sql.append(text);
            params.addAll(Arrays.asList(values));
            return this;
        }

        public <T> List<T> list(Connection c, Row<T> row) throws SQLException {
            return Jdbc.list(c, sql.toString(), row, params.toArray());
        }
    }

    private Jdbc() {
    }

    /** A statement with the parameters bound in order; the caller closes it. */
    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bind(s, params);
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Sets the parameters in order, instants as UTC offsets (see the class comment). */
    public static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i] instanceof Instant instant ? utc(instant) : params[i]);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        }
    }

    /** Every row of the query, read in order. */
    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rows = s.executeQuery()) {
            List<T> read = new ArrayList<>();
            while (rows.next()) {
                read.add(row.read(rows));
            }
            return read;
        }
    }

    /** The first row of the query, if any. */
    public static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rows = s.executeQuery()) {
            return rows.next() ? Optional.ofNullable(row.read(rows)) : Optional.empty();
        }
    }

    /** Every row of the query, read on a read-only connection of its own: what the surfaces' reads do. */
    public static <T> List<T> read(DataSource dataSource, String sql, Row<T> row, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            return list(c, sql, row, params);
        }
    }

    /** SQL for the hour of a timestamp column, as hours since the epoch (UTC): the same on H2 and PostgreSQL. */
    public static String epochHour(String column) {
        return "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ") / 3600) AS BIGINT)";
    }

    /** Whether the query finds a row. */
    public static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rows = s.executeQuery()) {
            return rows.next();
        }
    }

    /** A two-column query (a key, a count) as a sorted map. */
    public static Map<String, Long> counts(Connection c, String sql, Object... params) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement s = prepare(c, sql, params); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    /** Runs one statement for each item, sent in batches of {@code size}. */
    public static <T> void batch(Connection c, String sql, Iterable<T> items, int size, Binder<T> binder)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int batched = 0;
            for (T item : items) {
                binder.bind(s, item);
                s.addBatch();
                if (++batched % size == 0) {
                    s.executeBatch();
                }
            }
            if (batched % size != 0) {
                s.executeBatch();
            }
        }
    }

    /** "?,?,?" for an IN list of n values. */
    public static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /**
     * A duplicate key, however the driver reports it: H2 and PostgreSQL set SQLSTATE 23505 on the
     * exception itself, a failed batch carries it on a chained ("next") exception, and a wrapper may
     * carry it as its cause.
     */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The instant as the UTC value bound to a timestamp-with-time-zone column; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The column's timestamp as an instant; null when the column is NULL. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
