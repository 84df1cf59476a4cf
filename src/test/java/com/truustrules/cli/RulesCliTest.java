package com.truustrules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("bad.yaml:3:1 [bad] unknown key 'prio'"), err.toString());
    }

    @Test
    void validateRefusesAnIdTheDatabaseWouldRefuse(@TempDir Path dir) throws IOException {
        String id = "x".repeat(101);
        Files.writeString(dir.resolve("long.yaml"), "id: " + id + "\non: [order.published]\nactions:\n  - log: { message: x }\n");
        assertEquals(1, run("validate", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("long.yaml:1:5 [" + id + "] 'id' has at most 100 characters"),
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
    void testTakesTruustsOrderAndBuyerFromFiles(@TempDir Path dir) throws IOException {
        Path payload = dir.resolve("paid.json");
        Files.writeString(payload, "{\"escrow\": {\"id\": \"8810231\", \"amount\": 10, \"currency\": \"EUR\"}}");
        Path order = dir.resolve("order.json");
        Files.writeString(order, "\uFEFF{\"data\": {\"id\": 8810231, \"status\": \"PUBLISHED\", \"published_at\": \"2026-11-27T09:30:00Z\"}}");
        Path buyer = dir.resolve("buyer.json");
        Files.writeString(buyer, "{\"email\": \"Ana.Garcia@Example.com\", \"first_name\": \"Ana\"}");
        // a week after the offer: only the payment time Truust gives puts the order inside its 24 hours
        assertEquals(0, run("test", "rules", "order.published", payload.toString(), "--at", "2026-12-05T10:00:00Z",
                "--order", order.toString(), "--buyer", buyer.toString()));
        String text = out();
        assertTrue(text.startsWith("order.published at 2026-12-05T10:00:00Z: 2 rule(s) apply; Truust's facts given: order, buyer"), text);
        assertTrue(text.contains("  first-day-buyers: MATCHED ('when' is true)"), text);
        assertTrue(text.contains("once-per ana.garcia@example.com"), text);
        out.reset();
        assertEquals(0, run("test", "rules", "order.published", payload.toString(), "--at", "2026-12-05T10:00:00Z"));
        assertTrue(out().contains("  first-day-buyers: NOT_MATCHED"), out());
    }

    @Test
    void testRefusesAnOrderThatIsNotOneJsonObject(@TempDir Path dir) throws IOException {
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[{\"id\": 1}]");
        String payload = "src/test/resources/payloads/order-published-sample.json";
        assertEquals(2, run("test", "rules", "order.published", payload, "--order", list.toString()));
        assertTrue(err().startsWith("test: --order " + list + " must be one JSON object as Truust's API returns it"), err());
        assertTrue(err().contains("expected a JSON object, got a list"), err());
        err.reset();
        Path missing = dir.resolve("nobody.json");
        assertEquals(2, run("test", "rules", "order.published", payload, "--buyer", missing.toString()));
        assertTrue(err().startsWith("test: cannot read the buyer file " + missing + " (NoSuchFileException)\n"), err());
        err.reset();
        assertEquals(2, run("test", "rules", "order.published", payload, "--seller"));
        assertTrue(err().startsWith("test: --seller needs a value\n"), err());
        assertEquals("", out());
    }

    @Test
    void aWrongCallPrintsUsage() {
        assertEquals(2, run("test", "rules"));
        assertEquals("test: a rules folder, an event type and a payload file are needed, got 1 argument(s)\n"
                + RulesCli.TEST_USAGE + "\n", err());
        assertEquals("", out());
    }

    @Test
    void helpListsEveryCommandOnStdoutAndExitsZero() {
        for (String help : new String[] {"--help", "-h", "help"}) {
            out.reset();
            assertEquals(0, run(help), help);
            String text = out();
            assertTrue(text.startsWith("truust-rules " + RulesCli.version() + ": "), text);
            for (String command : new String[] {"validate [rules-dir]", "test <rules-dir> <event-type> <payload.json> [--at <instant>]",
                    "health [url]", "--help | --version", "exit codes: 0 fine; 1 "}) {
                assertTrue(text.contains(command), command + " missing in\n" + text);
            }
        }
        assertEquals("", err());
    }

    @Test
    void eachCommandPrintsItsOwnUsageWhenAsked() {
        assertEquals(0, run("validate", "--help"));
        assertEquals(0, run("test", "-h"));
        assertEquals(RulesCli.VALIDATE_USAGE + "\n" + RulesCli.TEST_USAGE + "\n", out());
        assertEquals("", err());
    }

    @Test
    void mainAnswersHelpVersionAndAnyOptionWithoutStartingTheService() {
        for (String arg : new String[] {"--help", "-h", "help", "--version", "--port=9000", "validate", "test"}) {
            assertTrue(RulesCli.handles(arg), arg);
        }
        assertFalse(RulesCli.handles());
        assertFalse(RulesCli.handles("health"));
    }

    @Test
    void versionIsTheProjectVersionFilteredByMaven() {
        assertEquals(0, run("--version"));
        assertTrue(out().matches("truust-rules \\d+\\.\\d+\\.\\d+[-.\\w]*\n"), out());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertEquals(2, run("--port=9000"));
        assertTrue(err().startsWith("unknown option '--port=9000'\nusage: java -jar quarkus-run.jar ["), err());
        assertEquals("", out());
    }

    @Test
    void validateRefusesExtraArgumentsAndOptions() {
        assertEquals(2, run("validate", "rules", "more"));
        assertEquals("validate: one rules folder at most, got 2 arguments\n" + RulesCli.VALIDATE_USAGE + "\n", err());
        err.reset();
        assertEquals(2, run("validate", "--strict", "rules"));
        assertEquals("validate: unknown option '--strict'\n" + RulesCli.VALIDATE_USAGE + "\n", err());
        assertEquals("", out());
    }

    @Test
    void testRefusesABadInstantAMissingValueAndAMissingPayload(@TempDir Path dir) {
        assertEquals(2, run("test", "rules", "order.published", "src/test/resources/payloads/order-published-sample.json", "--at", "tomorrow"));
        assertTrue(err().startsWith("test: --at wants an instant in UTC like 2026-11-27T10:00:00Z, not 'tomorrow'\n" + RulesCli.TEST_USAGE),
                err());
        err.reset();
        assertEquals(2, run("test", "rules", "order.published", "src/test/resources/payloads/order-published-sample.json", "--at"));
        assertTrue(err().startsWith("test: --at needs a value\n"), err());
        err.reset();
        Path missing = dir.resolve("missing.json");
        assertEquals(2, run("test", "rules", "order.published", missing.toString()));
        assertTrue(err().startsWith("test: cannot read the payload file " + missing + " (NoSuchFileException)\n"), err());
        assertEquals("", out());
    }

    @Test
    void testFailsWhenARuleErrors(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("odd.yaml"),
                "id: odd\non: [order.published]\nwhen: decimal(escrow.amount) > escrow.id\nactions:\n  - log: { message: x }\n");
        Path payload = dir.resolve("p.json");
        Files.writeString(payload, "{\"escrow\": {\"id\": \"abc\", \"amount\": 149.9, \"currency\": \"EUR\"}}");
        assertEquals(1, run("test", rules.toString(), "order.published", payload.toString(), "--at", "2026-12-05T10:00:00Z"));
        assertTrue(out().contains("  odd: ERROR ("), out());
        assertEquals("1 rule(s) could not be evaluated\n", err());
    }

    @Test
    void testFailsOnAnInvalidRuleOrPayloadFile(@TempDir Path dir) throws IOException {
        Path payload = dir.resolve("p.json");
        Files.writeString(payload, "{\"escrow\": ");
        assertEquals(1, run("test", "rules", "order.published", payload.toString()));
        assertTrue(err().startsWith(payload + ": the body is not valid JSON"), err());
        err.reset();
        Files.writeString(payload, "{}");
        Files.writeString(dir.resolve("bad.yaml"), "id: bad\non: [order.published]\nprio: 1\nactions:\n  - log: { message: x }\n");
        assertEquals(1, run("test", dir.toString(), "order.published", payload.toString()));
        assertTrue(err().startsWith("bad.yaml:3:1 [bad] unknown key 'prio'"), err());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
