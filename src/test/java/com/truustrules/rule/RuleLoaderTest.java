package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {

    @TempDir
    Path dir;

    private RuleFolder folder() {
        return new RuleFolder(dir);
    }

    private static String rule(String id, String... extra) {
        return "id: " + id + "\non: [order.published]\n" + String.join("\n", extra) + (extra.length > 0 ? "\n" : "")
                + "actions:\n  - log: { message: hi }\n";
    }

    private static void assertError(RuleError error, String file, int line, String rule, String message) {
        assertEquals(new RuleError(file, line, rule, message), new RuleError(error.file(), error.line(), error.rule(), error.message()));
    }

    @Test
    void loadsTheFullFormat() {
        RuleFolder folder = folder().write("offers.yaml", "offers:\n  black-friday:\n    start: 2026-11-27T00:00:00Z\n"
                + "    end: 2026-12-01T00:00:00+01:00\n").write("promo.yaml", """
                id: first-day-buyers
                description: Promo
                enabled: true
                on: [order-published, EscrowPublished]
                when: escrow.amount > 10
                priority: 100
                once-per: escrow.metadata.buyer_email
                limit: 500
                actions:
                  - promo-code: { pool: BF2026 }
                  - email: { to: "{escrow.metadata.buyer_email}", subject: "Code {promo.code}", template: promo-thanks }
                    after: PT48H
                """);
        LoadResult result = folder.load();
        assertTrue(result.valid(), () -> result.errors().toString());
        Rule rule = result.ruleSet().rules().get(0);
        assertEquals("first-day-buyers", rule.id());
        assertEquals(Set.of("order.published"), rule.on());
        assertEquals(100, rule.priority());
        assertEquals(500, rule.limit());
        assertEquals("escrow.metadata.buyer_email", rule.oncePer().source());
        assertEquals(List.of(ActionKind.PROMO_CODE, ActionKind.EMAIL), rule.actions().stream().map(ActionSpec::kind).toList());
        assertEquals(Duration.ofHours(48), rule.actions().get(1).after());
        assertNull(rule.actions().get(0).after());
        assertEquals(Instant.parse("2026-11-30T23:00:00Z"), result.ruleSet().offers().get("black-friday").end());
        assertEquals(List.of(rule), result.ruleSet().rulesFor("order.published"));
        assertEquals(List.of(), result.ruleSet().rulesFor("order.cancelled"));
    }

    @Test
    void aListUnderRulesAndPriorityOrder() {
        LoadResult result = folder().write("many.yaml", "rules:\n"
                + "  - " + rule("low", "priority: 1").replace("\n", "\n    ") + "\n"
                + "  - " + rule("high", "priority: 9").replace("\n", "\n    ") + "\n").load();
        assertTrue(result.valid(), () -> result.errors().toString());
        assertEquals(List.of("high", "low"), result.ruleSet().rulesFor("order.published").stream().map(Rule::id).toList());
    }

    @Test
    void wildcardRulesApplyToEveryType() {
        LoadResult result = folder().write("all.yaml", "id: all\non: ['*']\nactions:\n  - log: { message: x }\n")
                .write("one.yaml", rule("one")).load();
        assertEquals(List.of("all", "one"), result.ruleSet().rulesFor("order.published").stream().map(Rule::id).toList());
        assertEquals(List.of("all"), result.ruleSet().rulesFor("dispute.opened").stream().map(Rule::id).toList());
    }

    @Test
    void disabledRulesAreLoadedButNeverApply() {
        LoadResult result = folder().write("off.yaml", rule("off", "enabled: false")).load();
        assertEquals(1, result.ruleSet().rules().size());
        assertEquals(List.of(), result.ruleSet().rulesFor("order.published"));
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertError(folder().write("a.yaml", rule("a", "priorty: 5")).error(), "a.yaml", 3, "a",
                "unknown key 'priorty' (a rule takes: actions, description, enabled, id, limit, on, once-per, priority, "
                        + "schedule, when)");
    }

    @Test
    void aWrongTypeIsAnError() {
        assertError(folder().write("a.yaml", rule("a", "priority: high")).error(), "a.yaml", 3, "a",
                "'priority' must be a whole number, not 'high'");
        assertError(folder().write("a.yaml", rule("a", "enabled: maybe")).error(), "a.yaml", 3, "a",
                "'enabled' must be true or false, not 'maybe'");
        assertError(folder().write("a.yaml", rule("a", "limit: 0")).error(), "a.yaml", 3, "a", "'limit' must be 1 or more");
        assertError(folder().write("a.yaml", rule("a", "when: [a, b]")).error(), "a.yaml", 3, "a",
                "'when' must be a single value, not a list or mapping");
    }

    @Test
    void duplicateIdsAreAnError() {
        assertError(folder().write("a.yaml", rule("same")).write("b.yaml", rule("same")).error(), "b.yaml", 1, "same",
                "duplicate rule id 'same' (first in a.yaml line 1)");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertError(folder().write("a.yaml", rule("a", "priority: 1", "priority: 2")).error(), "a.yaml", 4, "a",
                "duplicate key 'priority'");
    }

    @Test
    void anUnknownEventTypeIsAnError() {
        assertError(folder().write("a.yaml", "id: a\non: [order.payed]\nactions:\n  - log: { message: x }\n").error(),
                "a.yaml", 2, "a", "unknown event type 'order.payed' (known: order.accepted, order.cancelled, order.failed, "
                        + "order.published, order.rejected, order.released, payin.confirmed, payout.created, unknown, or '*')");
    }

    @Test
    void anUnknownActionIsAnError() {
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - fax: { to: x }\n").error(),
                "a.yaml", 4, "a", "unknown action 'fax' (known: promo-code, email, http, log, report, sms, chat)");
    }

    @Test
    void actionSettingsAreChecked() {
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - email: { to: x, subject: y }\n")
                .error(), "a.yaml", 4, "a", "'email' needs 'template'");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - log: { message: x, colour: red }\n")
                .error(), "a.yaml", 4, "a", "'log' does not take 'colour' (it takes: level, message)");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - promo-code: { pool: XMAS }\n")
                .error(), "a.yaml", 4, "a", "promo-code pool 'XMAS' has no file pools/XMAS.txt");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n"
                + "  - email: { to: x, subject: y, template: nope }\n").error(), "a.yaml", 4, "a",
                "e-mail template 'nope' has no file templates/nope.html");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - log: { message: \"{customer.email}\" }\n")
                .error(), "a.yaml", 4, "a", "'log' message: unknown name 'customer' in {customer.email} (known: buyer, email, escrow, "
                        + "event, firing, http, now, offers, order, payin, payload, payout, promo, rule, seller)");
        assertError(folder().write("templates/bad.html", "<p>\n{customer.name}</p>").write("a.yaml", "id: a\non: [order.published]\n"
                + "actions:\n  - email: { to: x, subject: y, template: bad }\n").error(), "a.yaml", 4, "a",
                "templates/bad.html line 2: unknown name 'customer' in {customer.name} (known: buyer, email, escrow, event, "
                        + "firing, http, now, offers, order, payin, payload, payout, promo, rule, seller)");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - http: { url: ftp://x }\n")
                .error(), "a.yaml", 4, "a", "'http' url must start with http:// or https://, not 'ftp://x'");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - log: { message: x }\n"
                + "    after: 48h\n").error(), "a.yaml", 5, "a", "'after' must be an ISO-8601 duration such as PT48H, not '48h'");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions: []\n").error(), "a.yaml", 3, "a",
                "a rule needs 'actions': a list such as - log: {message: ...}");
    }

    @Test
    void recipientsAreAddressesOrLonePlaceholders() {
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - email: { to: \"Ana <{escrow.metadata."
                + "buyer_email}>\", subject: y, template: promo-thanks }\n").error(), "a.yaml", 4, "a", "'email' to: 'Ana "
                + "<{escrow.metadata.buyer_email}>' mixes a placeholder with other text: a placeholder must stand alone as one "
                + "entry, and its value must be one plain address");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - email: { to: ops@example.com, "
                + "bcc: \"audit@example.com, orders+{escrow.id}@example.com\", subject: y, template: promo-thanks }\n").error(),
                "a.yaml", 4, "a", "'email' bcc: 'orders+{escrow.id}@example.com' mixes a placeholder with other text: a "
                        + "placeholder must stand alone as one entry, and its value must be one plain address");
        assertError(folder().write("a.yaml", "id: a\nschedule: \"0 0 8 * * ?\"\nactions:\n  - report: { to: \"ops@example.com;"
                + " x@example.com\" }\n").error(), "a.yaml", 4, "a", "'report' to: 'ops@example.com; x@example.com' is not "
                + "one plain address: exactly one '@', and no list, name, group or comment");
        assertTrue(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - email: { to: \"{escrow.metadata."
                + "buyer_email}, ops@example.com\", cc: \"{order.seller_email}\", subject: y, template: promo-thanks }\n")
                .load().valid());
    }

    @Test
    void aConditionThatIsNotBooleanIsAnError() {
        assertError(folder().write("a.yaml", rule("a", "when: escrow.amount")).error(), "a.yaml", 3, "a",
                "'when' must be a condition that is true or false, such as escrow.amount >= 1000; 'escrow.amount' is not");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Runtime.getRuntime().exec('rm -rf /')",
        "java.lang.System.exit(0)", "''.getClass().forName('java.lang.Runtime')", "new java.io.File('/')",
        "escrow = null", "escrow.amount = 1", "a; b", "def f() { 1 }", "while (true) {}",
        "foreach (x : payload.items) { x }", "@{1}", "Thread.sleep(1000)"})
    void injectionAttemptsAreRefusedAtLoad(String attack) {
        RuleError error = folder().write("evil.yaml", "id: evil\non: [order.published]\nwhen: \"" + attack.replace("\"", "\\\"")
                + "\"\nactions:\n  - log: { message: x }\n").error();
        assertEquals("evil.yaml", error.file());
        assertEquals(3, error.line());
        assertEquals("evil", error.rule());
        assertTrue(error.message().matches("'when': `[^`]+` is not allowed.*\\(column \\d+\\)"), error.message());
    }

    /** Each of these used to pass the load and then fail every event the rule matched, in the database. */
    @Test
    void valuesTheDatabaseWouldRefuseAreRefusedAtLoad() {
        String longId = "a".repeat(101);
        assertError(folder().write("a.yaml", rule(longId)).error(), "a.yaml", 1, longId,
                "'id' has at most 100 characters (the database column's width), not 101");
        assertEquals(List.of(), folder().write("a.yaml", rule("a".repeat(100))).load().errors());
        String longPool = "P".repeat(101);
        assertError(folder().write("pools/" + longPool + ".txt", "CODE-1\n").write("a.yaml", "id: a\non: [order.published]\n"
                + "actions:\n  - promo-code: { pool: " + longPool + " }\n").error(), "a.yaml", 4, "a",
                "a pool name has at most 100 characters (the database column's width), not 101");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - log: { message: x }\n"
                + "    after: P3651D\n").error(), "a.yaml", 5, "a", "'after' must be at most 3650 days (P3650D), not P3651D");
        assertError(folder().write("a.yaml", "id: a\non: [order.published]\nactions:\n  - log: { message: x }\n"
                + "    after: PT2562047788015215H\n").error(), "a.yaml", 5, "a",
                "'after' must be at most 3650 days (P3650D), not PT2562047788015215H");
    }

    @Test
    void idsAreChecked() {
        assertError(folder().write("a.yaml", "on: [order.published]\nactions:\n  - log: { message: x }\n").error(),
                "a.yaml", 1, null, "a rule needs an 'id'");
        assertError(folder().write("a.yaml", rule("Big_Orders")).error(), "a.yaml", 1, "Big_Orders",
                "'id' must be lower-case letters, digits and dashes, not 'Big_Orders'");
    }

    @Test
    void onOrScheduleButNotBoth() {
        assertError(folder().write("a.yaml", "id: a\nactions:\n  - log: { message: x }\n").error(), "a.yaml", 1, "a",
                "a rule needs either 'on' (event types) or 'schedule' (cron), not neither");
        assertError(folder().write("a.yaml", rule("a", "schedule: \"0 0 8 * * ?\"")).error(), "a.yaml", 1, "a",
                "a rule needs either 'on' (event types) or 'schedule' (cron), not both");
        RuleError cron = folder().write("a.yaml", "id: a\nschedule: every morning\nactions:\n  - log: { message: x }\n").error();
        assertEquals(2, cron.line());
        assertTrue(cron.message().startsWith("'schedule' is not a valid cron expression"), cron.message());
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        RuleError error = folder().write("a.yaml", "id: a\non: [order.published\nactions:\n").error();
        assertEquals("a.yaml", error.file());
        assertTrue(error.message().startsWith("YAML syntax: "), error.message());
        assertTrue(error.line() >= 2, "line " + error.line());
    }

    @Test
    void offersAreChecked() {
        RuleError error = folder().write("offers.yaml", "offers:\n  bf:\n    start: soon\n").error();
        assertError(error, "offers.yaml", 3, null, "'soon' is not a time such as 2026-11-27T00:00:00Z");
        assertError(folder().write("offers.yaml", "offers:\n  bf:\n    start: 2026-11-27\n    stop: 2026-11-28\n").error(),
                "offers.yaml", 4, null, "unknown key 'stop' in offer 'bf' (an offer takes: start, end)");
    }

    @Test
    void everyBrokenRuleIsReportedNotJustTheFirst() {
        LoadResult result = folder().write("a.yaml", rule("a", "priority: x")).write("b.yaml", rule("b", "limit: -1"))
                .write("c.yaml", rule("c")).load();
        assertEquals(List.of("a", "b"), result.errors().stream().map(RuleError::rule).toList());
        assertNull(result.ruleSet());
    }

    @Test
    void theSampleRulesOfTheRepositoryLoad() {
        LoadResult result = new RuleLoader(Path.of("rules"), java.time.Clock.systemUTC()).load();
        assertTrue(result.valid(), () -> result.errors().toString());
        assertEquals(List.of("big-orders", "first-day-buyers", "notify-cancelled"),
                result.ruleSet().rules().stream().map(Rule::id).sorted().toList());
    }
}
