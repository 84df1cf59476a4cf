package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.action.ActionKind;
import com.truustrules.action.Setting;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every setting of every action kind is checked when the rules load: a bad value fails the load at
 * file:line:column with a message naming the kind and the setting, never the firing.
 */
class ActionSettingsTest {

    @TempDir
    Path dir;

    /** One action written badly, and the error the loader must give for it (the action is on line 4). */
    record Bad(String action, String error) {
        @Override
        public String toString() {
            return action;
        }
    }

    static Stream<Bad> badSettings() {
        return Stream.of(
                // log
                new Bad("log: { message: x, level: loud }",
                        "4:10 [kinds] 'log' level must be one of fatal, error, warn, info, debug, trace, not 'loud'"),
                new Bad("log: { message: x, level: null }",
                        "4:10 [kinds] 'log' level must be one of fatal, error, warn, info, debug, trace, not 'null'"),
                new Bad("log: { message: [a, b] }", "4:21 [kinds] 'log' message must be a text"),
                new Bad("log: { level: warn }", "4:10 [kinds] 'log' needs 'message'"),
                // email
                new Bad("email: { to: not an address, subject: Hi, template: promo-thanks }", "4:12 [kinds] 'email' to: "),
                new Bad("email: { to: a@example.com, cc: \"x@example.com,,y@example.com\", subject: Hi, template: promo-thanks }",
                        "4:12 [kinds] 'email' cc: has an empty entry"),
                new Bad("email: { to: a@example.com, bcc: \"{escrow.id} x\", subject: Hi, template: promo-thanks }",
                        "4:12 [kinds] 'email' bcc: '{escrow.id} x' mixes a placeholder with other text"),
                new Bad("email: { to: a@example.com, reply-to: \"a@\", subject: Hi, template: promo-thanks }",
                        "4:12 [kinds] 'email' reply-to: "),
                new Bad("email: { to: a@example.com, subject: Hi, template: \"../secret\" }",
                        "4:12 [kinds] a template name is letters, digits, '-' and '_', not '../secret'"),
                new Bad("email: { to: a@example.com, subject: Hi, template: missing }",
                        "4:12 [kinds] e-mail template 'missing' has no file templates/missing.html"),
                new Bad("email: { to: a@example.com, subject: { a: b }, template: promo-thanks }",
                        "4:42 [kinds] 'email' subject must be a text"),
                // report
                new Bad("report: { to: \"{escrow.seller.email} ops\" }", "4:13 [kinds] 'report' to: "),
                new Bad("report: { to: a@example.com, subject: [a] }", "4:43 [kinds] 'report' subject must be a text"),
                // promo-code
                new Bad("promo-code: { pool: \"BF 2026\" }", "4:17 [kinds] a pool name is letters, digits, '-' and '_', not 'BF 2026'"),
                new Bad("promo-code: { pool: " + "p".repeat(101) + " }",
                        "4:17 [kinds] a pool name has at most 100 characters (the database column's width), not 101"),
                new Bad("promo-code: { pool: CM2026 }", "4:17 [kinds] promo-code pool 'CM2026' has no file pools/CM2026.txt"),
                // http
                new Bad("http: { url: \"ftp://example.com/\" }", "4:11 [kinds] 'http' "),
                new Bad("http: { url: \"https://example.com/\", method: TRACE }",
                        "4:11 [kinds] 'http' method must be one of DELETE, GET, PATCH, POST, PUT"),
                new Bad("http: { url: \"https://example.com/\", timeout: 10 seconds }",
                        "4:11 [kinds] 'http' timeout must be an ISO-8601 duration such as PT10S, not '10 seconds'"),
                new Bad("http: { url: \"https://example.com/\", timeout: PT0S }", "4:11 [kinds] 'http' timeout must be positive, not PT0S"),
                new Bad("http: { url: \"https://example.com/\", timeout: -PT5S }", "4:11 [kinds] 'http' timeout must be positive, not -PT5S"),
                new Bad("http: { url: \"https://example.com/\", headers: x }",
                        "4:51 [kinds] 'http' headers must be a mapping of names to values"),
                new Bad("http: { url: \"https://example.com/\", headers: { Host: evil.example } }",
                        "4:11 [kinds] 'http' header Host is set by the HTTP client itself; leave it out"),
                new Bad("http: { url: \"https://example.com/\", headers: { \"X Order\": a } }",
                        "4:11 [kinds] 'http' header 'X Order' is not a header name"),
                new Bad("http: { url: \"https://example.com/\", secret: \"env:TRUUST_MAIL_FROM\" }",
                        "4:11 [kinds] 'http' secret: 'env:TRUUST_MAIL_FROM' names a setting of the service itself"),
                new Bad("http: { url: \"https://example.com/\", headers: { Content-Type: application/x-www-form-urlencoded }, "
                        + "body: { order: { id: 1 } } }", "4:11 [kinds] 'http' form field 'order' must be a text, number or boolean"),
                new Bad("http: { url: \"https://example.com/\", headers: { Content-Type: application/x-www-form-urlencoded }, "
                        + "body: [a, b] }", "4:11 [kinds] 'http' a form body must be a mapping of field names to values"),
                // sms
                new Bad("sms: { to: \"+34 12\", text: hi }", "4:10 [kinds] 'sms' to: '+34 12' is not a phone number"),
                new Bad("sms: { to: \"+34612345678\", text: [hi] }", "4:38 [kinds] 'sms' text must be a text"),
                // chat
                new Bad("chat: { webhook: \"https://hooks.example.com/x\", text: hi }", "4:11 [kinds] 'chat' 'webhook' is the name"),
                new Bad("chat: { webhook: X, text: hi, optional: maybe }", "4:45 [kinds] 'chat' optional must be true or false"),
                new Bad("chat: { webhook: X, text: hi, optional: true, blocks: section }",
                        "4:59 [kinds] 'chat' blocks must be a list of Slack blocks (or one block, a mapping)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void aBadValueOfASettingFailsTheLoad(Bad bad) {
        RuleError error = new RuleFolder(dir).write("kinds.yaml", "id: kinds\non: [order.published]\nactions:\n  - " + bad.action() + "\n")
                .error();
        String shown = error.toString();
        assertTrue(shown.startsWith("kinds.yaml:" + bad.error()), shown);
    }

    @Test
    void everySettingOfEveryKindWrittenWellLoads() {
        LoadResult result = new RuleFolder(dir).write("kinds.yaml", """
                id: kinds
                on: [order.published]
                actions:
                  - log: { message: "order {escrow.id}", level: WARN }
                  - promo-code: { pool: BF2026 }
                  - email: { to: "{escrow.buyer.email}", cc: a@example.com, bcc: b@example.com, reply-to: c@example.com, subject: Hi, template: promo-thanks }
                  - report: { to: ops@example.com, subject: Daily }
                  - http:
                      url: "https://example.com/orders/{escrow.id}"
                      method: put
                      headers: { Content-Type: application/x-www-form-urlencoded, X-Order: "{escrow.id}" }
                      body: { order: "{escrow.id}", paid: true }
                      timeout: PT2.5S
                  - sms: { to: "+34612345678", text: "Order {escrow.id}" }
                  - chat: { webhook: TRUUST_CHAT_UNSET_IN_TESTS, optional: true, text: hi, blocks: [{ type: divider }] }
                """).load();
        assertTrue(result.valid(), result.errors().toString());
        assertEquals(List.of(), result.warnings());
    }

    /** The table above covers each setting of each kind: a new setting without a bad-value row fails here. */
    @Test
    void theTableCoversEverySetting() {
        Set<String> covered = badSettings().map(bad -> bad.action()).collect(Collectors.toSet()).stream()
                .flatMap(action -> Arrays.stream(ActionKind.values()).filter(k -> action.startsWith(k.key() + ":"))
                        .flatMap(k -> k.type().settings().stream().map(Setting::name)
                                .filter(s -> action.contains(" " + s + ":") || action.contains("{ " + s + ":"))
                                .map(s -> k.key() + "." + s)))
                .collect(Collectors.toSet());
        Set<String> all = Arrays.stream(ActionKind.values())
                .flatMap(k -> k.type().settings().stream().map(s -> k.key() + "." + s.name())).collect(Collectors.toSet());
        all.removeAll(covered);
        assertEquals(Set.of(), all, "settings without a bad value in the table");
    }
}
