package com.truustrules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new RulesCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void validateAcceptsTheSampleRules() {
        assertEquals(0, run("validate", "rules"));
        assertEquals("OK: 3 rule(s) in rules are valid\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void validateReportsEachErrorAndFails(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "id: bad\non: [order.published]\nprio: 1\nactions:\n  - log: { message: x }\n");
        assertEquals(1, run("validate", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bad.yaml:3 [bad] unknown key 'prio'"), err.toString());
    }

    @Test
    void validateRefusesAnIdTheDatabaseWouldRefuse(@TempDir Path dir) throws IOException {
        String id = "x".repeat(101);
        Files.writeString(dir.resolve("long.yaml"), "id: " + id + "\non: [order.published]\nactions:\n  - log: { message: x }\n");
        assertEquals(1, run("validate", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("long.yaml:1 [" + id + "] 'id' has at most 100 characters"),
                err.toString());
    }

    @Test
    void testShowsWhichRulesMatch(@TempDir Path dir) throws IOException {
        Path payload = dir.resolve("big.json");
        Files.writeString(payload, "{\"escrow\": {\"id\": \"1\", \"amount\": 1500, \"currency\": \"EUR\"}}");
        assertEquals(0, run("test", "rules", "order-published", payload.toString(), "--at", "2026-12-05T10:00:00Z"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("order.published at 2026-12-05T10:00:00Z: 2 rule(s) apply"), text);
        assertTrue(text.contains("  big-orders: MATCHED ('when' is true)"), text);
    }

    @Test
    void aWrongCallPrintsUsage() {
        assertEquals(2, run("test", "rules"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: "));
    }
}
