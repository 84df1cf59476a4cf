package com.truustrules.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared JDBC steps, against an in-memory H2 (PostgreSQL reports a duplicate key with the same SQLSTATE). */
class JdbcTest {

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:h2:mem:jdbc-test;DB_CLOSE_DELAY=-1", "sa", "");
        Jdbc.update(c, "CREATE TABLE IF NOT EXISTS t (k VARCHAR(10) PRIMARY KEY, n INTEGER)");
        Jdbc.update(c, "DELETE FROM t");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void aDuplicateKeyIsToldFromOtherFailures() {
        SQLException duplicate = assertThrows(SQLException.class, () -> {
            Jdbc.update(c, "INSERT INTO t (k, n) VALUES (?, ?)", "a", 1);
            Jdbc.update(c, "INSERT INTO t (k, n) VALUES (?, ?)", "a", 2);
        });
        assertTrue(Jdbc.isUniqueViolation(duplicate));
        assertTrue(Jdbc.isUniqueViolation(new IllegalStateException("wrapped", duplicate)));
        SQLException other = assertThrows(SQLException.class, () -> Jdbc.update(c, "INSERT INTO t (k, n) VALUES (?, ?)",
                "far too long a key", 1));
        assertFalse(Jdbc.isUniqueViolation(other));
    }

    @Test
    void aDuplicateKeyInABatchIsADuplicateKey() {
        SQLException failed = assertThrows(SQLException.class, () -> Jdbc.batch(c, "INSERT INTO t (k, n) VALUES (?, ?)",
                List.of("x", "y", "x"), 2, (s, k) -> Jdbc.bind(s, k, 0)));
        assertTrue(Jdbc.isUniqueViolation(failed));
        BatchUpdateException chained = new BatchUpdateException("batch failed", new int[0]);
        chained.setNextException(new SQLException("duplicate", "23505"));
        assertTrue(Jdbc.isUniqueViolation(chained));
    }

    @Test
    void rowsAreReadInOrderAndBatchesSendEveryItem() throws SQLException {
        Jdbc.batch(c, "INSERT INTO t (k, n) VALUES (?, ?)", List.of("a", "b", "c", "d", "e"), 2,
                (s, k) -> Jdbc.bind(s, k, k.charAt(0) - 'a'));
        assertEquals(List.of("a", "b", "c", "d", "e"), Jdbc.list(c, "SELECT k FROM t ORDER BY n", r -> r.getString(1)));
        assertEquals(Optional.of(3), Jdbc.first(c, "SELECT n FROM t WHERE k = ?", r -> r.getInt(1), "d"));
        assertEquals(Optional.empty(), Jdbc.first(c, "SELECT n FROM t WHERE k = ?", r -> r.getInt(1), "z"));
        assertTrue(Jdbc.exists(c, "SELECT 1 FROM t WHERE k IN (" + Jdbc.marks(2) + ")", "q", "e"));
        assertEquals(List.of("c", "d"), new Jdbc.Query("SELECT k FROM t WHERE 1 = 1").and(null, " AND k = ?")
                .and(2, " AND n >= ?").append(" ORDER BY k FETCH FIRST ? ROWS ONLY", 2).list(c, r -> r.getString(1)));
    }
}
