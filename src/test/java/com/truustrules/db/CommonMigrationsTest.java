package com.truustrules.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migrations from V13 on live once in db/migration/common with placeholders for the types H2 and
 * PostgreSQL spell differently. A throwaway test migration using every placeholder applies on H2 after
 * the real ones, with the placeholder values application.properties gives Quarkus.
 */
class CommonMigrationsTest {

    private static final String URL = "jdbc:h2:mem:common-migrations;DB_CLOSE_DELAY=-1";

    @Test
    void aPlaceholderMigrationAppliesOnH2() throws Exception {
        Flyway.configure().dataSource(URL, "sa", "").placeholders(placeholders("h2"))
                .locations("classpath:db/migration/h2", "classpath:db/migration/common", "classpath:db/migration-test/common")
                .load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            assertEquals(Map.of("ID", "UUID", "SEQ", "BIGINT", "NOTE", "CHARACTER VARYING", "PAYLOAD", "CHARACTER VARYING",
                    "NOTED_AT", "TIMESTAMP WITH TIME ZONE"), Jdbc.list(c, "SELECT column_name, data_type FROM "
                    + "information_schema.columns WHERE table_name = 'PLACEHOLDER_CHECK'", r -> Map.entry(r.getString(1),
                    r.getString(2))).stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertEquals(List.of("YES"), Jdbc.list(c, "SELECT is_identity FROM information_schema.columns "
                    + "WHERE table_name = 'PLACEHOLDER_CHECK' AND column_name = 'SEQ'", r -> r.getString(1)));
            assertRoundTrip(c);
            assertEquals(List.of("999"), Jdbc.list(c, "SELECT \"version\" FROM \"flyway_schema_history\" "
                    + "WHERE \"script\" LIKE '%placeholder_check%'", r -> r.getString(1)));
        }
    }

    @Test
    void everyPlaceholderHasAValueForBothDatabases() throws IOException {
        assertEquals(placeholders("h2").keySet(), placeholders("postgresql").keySet());
        assertTrue(placeholders("h2").keySet().containsAll(List.of("text", "json", "uuid", "timestamp", "identity")));
    }

    /** An instant written through Jdbc comes back as the same instant, whatever the JVM's zone. */
    private static void assertRoundTrip(Connection c) throws SQLException {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-05T10:15:30.123456Z");
        Jdbc.update(c, "INSERT INTO placeholder_check (id, note, noted_at) VALUES (?, ?, ?)", id, "a note", at);
        assertEquals(at, Jdbc.first(c, "SELECT noted_at FROM placeholder_check WHERE id = ?", r -> Jdbc.instant(r, 1), id)
                .orElseThrow());
    }

    /**
     * The values application.properties gives Flyway's placeholders for one database kind. Each
     * {@code quarkus.flyway.placeholders.X} must read {@code migration-types.<the build's kind>.X}.
     */
    private static Map<String, String> placeholders(String kind) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CommonMigrationsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        String buildKind = properties.getProperty("quarkus.datasource.db-kind");
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("quarkus.flyway.placeholders.")) {
                String name = key.substring("quarkus.flyway.placeholders.".length());
                assertEquals("${migration-types." + buildKind + "." + name + "}", properties.getProperty(key), key);
                String value = properties.getProperty("migration-types." + kind + "." + name);
                assertTrue(value != null && !value.isBlank(), "no migration-types." + kind + "." + name);
                values.put(name, value);
            }
        }
        return values;
    }
}
