package com.truustrules.event;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.truustrules.db.Durability;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The H2 settings of the service's URL keep the file within a bound of its live data (issue 9):
 * events written as the service writes them, one durable commit and one CHECKPOINT (so one new
 * MVStore chunk) each, then purged. With H2's default 45 s chunk retention no chunk could be reused
 * within the test and each event left some 30 KB. A database of its own, with the service's URL
 * options, so that what other tests left in theirs does not count.
 */
@QuarkusTest
class H2FileSizeTest {

    private static final int EVENTS = 300;
    /** An event row with its indexes is under 2 KB; the old settings left 25-35 KB per event. */
    private static final long BYTES_PER_EVENT_WHILE_RUNNING = 16 * 1024;
    /** After all events are purged and the database closed: the schema and a few empty pages. */
    private static final long BYTES_AFTER_PURGE_AND_CLOSE = 512 * 1024;
    private static final Path DIR = Path.of("target", "h2-size-test").toAbsolutePath();

    @Test
    void eventsWrittenOneCheckpointEachThenPurgedKeepTheFileSmall() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        assumeTrue(url.startsWith("jdbc:h2:file:"), "embedded H2 only");
        Path file = fresh();
        String options = url.substring(url.indexOf(';'));
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + DIR.resolve("db") + options, "sa", "")) {
            createEventTable(c);
            writeEvents(c);
            long written = Files.size(file);
            assertTrue(written <= EVENTS * BYTES_PER_EVENT_WHILE_RUNNING, String.format(
                    "%d events, each its own checkpoint, left a file of %d bytes (%d per event); settings: %s",
                    EVENTS, written, written / EVENTS, options));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM inbound_event");
                c.commit();
                s.execute("CHECKPOINT");
            }
        }
        long closed = Files.size(file);
        assertTrue(closed <= BYTES_AFTER_PURGE_AND_CLOSE, String.format(
                "after the purge and a close the file is %d bytes; settings: %s", closed, options));
    }

    /** As the service stores an event: one commit and a CHECKPOINT ({@link Durability}), then marked processed. */
    private static void writeEvents(Connection c) throws SQLException {
        String body = "{\"escrow\":{\"id\":\"%s\",\"name\":\"" + "x".repeat(800) + "\"}}";
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO inbound_event "
                + "(id, type, dedup_key, received_at, headers, body) VALUES (?, 'order.published', ?, CURRENT_TIMESTAMP, '{}', ?)");
                PreparedStatement processed = c.prepareStatement(
                        "UPDATE inbound_event SET status = 'PROCESSED', processed_at = CURRENT_TIMESTAMP WHERE id = ?");
                Statement checkpoint = c.createStatement()) {
            for (int i = 0; i < EVENTS; i++) {
                UUID id = UUID.randomUUID();
                insert.setObject(1, id);
                insert.setString(2, id.toString());
                insert.setString(3, String.format(body, id));
                insert.executeUpdate();
                c.commit();
                checkpoint.execute("CHECKPOINT");
                processed.setObject(1, id);
                processed.executeUpdate();
                c.commit();
            }
        }
    }

    /** The table as the first migration creates it. */
    private static void createEventTable(Connection c) throws IOException, SQLException {
        String sql;
        try (InputStream in = H2FileSizeTest.class.getResourceAsStream("/db/migration/h2/V1__inbound_event.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement s = c.createStatement()) {
            for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static Path fresh() throws IOException {
        if (Files.exists(DIR)) {
            try (var files = Files.list(DIR)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(DIR);
        return DIR.resolve("db.mv.db");
    }
}
