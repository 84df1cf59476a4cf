package com.truustrules.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate reports every error of every rule, each at file:line:column; one mistake never hides the next. */
class ValidateEveryErrorTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aValidRuleBesideTheBrokenOnes() throws IOException {
        write("templates/thanks.html", "<p>Hello {escrow.name}</p>");
        write("good.yaml", "id: good\non: [order.published]\nactions:\n  - email: { to: a@example.com, subject: Hi, template: thanks }\n");
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), text);
    }

    private String validate() {
        int code = new RulesCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("validate", dir.toString());
        assertEquals(1, code, out.toString(StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMisspeltEventTypeHidesNeitherAMisspeltKeyNorABadPlaceholder() throws IOException {
        write("typos.yaml", """
                id: typos
                on: [order.publishd]
                actions:
                  - email:
                      to: ops@example.com
                      subject: "Order {escrow.id} {escrw.name}"
                      templte: thanks
                """);
        assertEquals("""
                typos.yaml:2:6 [typos] unknown event type 'order.publishd' (known: order.accepted, order.cancelled, \
                order.failed, order.published, order.rejected, order.released, payin.confirmed, payout.created, unknown, or '*')
                typos.yaml:5:7 [typos] 'email' needs 'template'
                typos.yaml:6:16 [typos] 'email' subject: unknown name 'escrw' in {escrw.name} (known: buyer, email, escrow, \
                event, firing, http, now, offers, order, payin, payload, payout, promo, rule, seller)
                typos.yaml:7:7 [typos] 'email' does not take 'templte' (it takes: bcc, cc, reply-to, subject, template, to)
                4 error(s) in %s
                """.formatted(dir), validate());
    }

    @Test
    void everyRuleOfEveryFileIsReported() throws IOException {
        write("templates/broken.html", "<p>{escrow.id}</p>\n<p>{buyr.name}</p>\n"); // buyer is a fact (Truust's API), buyr is not
        write("a.yaml", "id: a\non: [order.published]\nwhen: escrow.amount >> 3\nactions:\n  - log: { message: x }\n");
        write("b.yaml", "rules:\n  - id: b1\n    on: [order.cancelled]\n    priority: high\n    actions:\n"
                + "      - email: { to: a@example.com, subject: Hi, template: broken }\n"
                + "  - id: b2\n    on: [order.cancelled]\n    actions: []\n");
        String errors = validate();
        assertEquals(5, errors.lines().count(), errors);
        assertEquals("a.yaml:3:21 [a] 'when': `>>` is not allowed (column 15)", errors.lines().toList().get(0));
        assertEquals("b.yaml:4:15 [b1] 'priority' must be a whole number, not 'high'", errors.lines().toList().get(1));
        assertEquals("b.yaml:6:16 [b1] templates/broken.html line 2: ", errors.lines().toList().get(2).substring(0, 47));
        assertEquals("b.yaml:9:14 [b2] a rule needs 'actions': a list such as - log: {message: ...}", errors.lines().toList().get(3));
    }

    @Test
    void aYamlSyntaxErrorIsPlacedOnItsLineAndColumn() throws IOException {
        write("syntax.yaml", "id: syntax\non: [order.published]\nwhen: escrow.amount > 1\n  priority: 3\nactions:\n  - log: { message: x }\n");
        String errors = validate();
        assertEquals("syntax.yaml:4:11 YAML syntax: mapping values are not allowed here\n1 error(s) in " + dir + "\n", errors);
    }
}
