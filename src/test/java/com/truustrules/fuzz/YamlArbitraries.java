package com.truustrules.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Rule files as ops people write them and break them: rules with every key (good and bad values),
 * lists under {@code rules:}, then lines deleted, repeated, swapped, re-indented or spliced with
 * YAML's sharper edges (anchors and self-referencing aliases, tags, documents, block scalars).
 */
final class YamlArbitraries {

    private static final List<String> IDS = List.of("first-day-buyers", "big-orders", "x", "'quoted'", "1");
    private static final List<String> BAD_IDS = List.of("Bad Id", "", "-", "a".repeat(300) + " x", "null", "~", "[a, b]", "{a: 1}");
    private static final List<String> TYPES = List.of("order.published", "[order.published, order-cancelled]", "'*'",
            "EscrowPublished", "unknown", "[payin.epg.confirmed, ORDER_RELEASED]");
    private static final List<String> BAD_TYPES = List.of("[]", "dispute.opened", "~", "{a: 1}", "[[x]]", "'**'");
    private static final List<String> WHENS = List.of("escrow.amount > 10", "within(event.receivedAt, offers['black-friday'].start, 'PT24H')",
            "|\n    escrow.amount > 1", ">-\n    escrow.amount\n    > 1", "escrow.status == \"paid\" # comment");
    private static final List<String> BAD_WHENS = List.of("escrow.amount", "escrow.amount >", "java.lang.System.exit(0)",
            "'unterminated", "\"a: b\"", "~", "[1, 2]", "0" + "==0".repeat(70));
    private static final List<String> SCHEDULES = List.of("\"0 0 8 * * ?\"", "'0 */5 * * * ?'");
    private static final List<String> BAD_SCHEDULES = List.of("'* * * * * *'", "bad cron", "0 0 8 * * ?", "\"0 0 25 * * ?\"", "\"\"");
    private static final List<String> NUMBERS = List.of("1", "100", "1_000", "0x1F", "+5", "0o17");
    private static final List<String> BAD_NUMBERS = List.of("0", "-1", "2147483648", "1.5", "abc", "~", "99999999999999999999",
            ".inf", "[1]");
    private static final List<String> ACTIONS = List.of(
            "- log: { message: hi }",
            "- log: { message: \"{escrow.id} paid\", level: warn }",
            "- promo-code: { pool: BF2026 }",
            "- email: { to: \"{escrow.metadata.buyer_email}\", subject: \"Code {promo.code}\", template: promo-thanks }\n    after: PT48H",
            "- http: { url: \"https://example.com/{escrow.id}\", method: POST, headers: { X-A: b } }",
            "- report: { to: ops@example.com }");
    private static final List<String> BAD_ACTIONS = List.of(
            "- promo-code: { pool: ../../etc/passwd }",
            "- promo-code: { pool: NOPE }",
            "- email: { to: a@b.example, subject: x, template: missing }",
            "- http: { url: ftp://x, method: TRACE }",
            "- log: { message: \"{#if}\" }",
            "- log: { message: \"{escrow.id\" }",
            "- log: { message: \"" + "{#if true}".repeat(300) + "\" }",
            "- log: { message: \"" + "{#if true}".repeat(10_000) + "x" + "{/if}".repeat(10_000) + "\" }",
            "- log: { message: hi }\n    after: -PT1H",
            "- log: { message: hi }\n    after: soon",
            "- log: &loop { message: *loop }",
            "- log: { message: &l [a, *l] }",
            "- http: &h { url: \"https://x\", headers: *h }",
            "- explode: { now: true }",
            "- log: hi",
            "- { log: { message: a }, email: { to: b } }",
            "- ~");
    /** YAML constructs a parser must survive, spliced anywhere. */
    private static final List<String> SPECIALS = List.of("&a ", "*a", "*undefined", "!!python/object:os.system ",
            "!!java.io.File ", "!!binary ", "!<tag:yaml.org,2002:str> ", "? ", "---\n", "...\n", "%YAML 1.1\n", "<<: *a\n",
            "|", ">", "[", "]", "{", "}", "\"", "'", ": ", "- ", "#", "\t", "\u0000", "\uFEFF", "\r", "\\", "@", "`", "%",
            "&a [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", "\u00e9", "😀", "\uD800");

    private YamlArbitraries() {
    }

    /** A file's text: one rule, a list of rules, either of them damaged, or free text. */
    static Arbitrary<String> ruleFile() {
        Arbitrary<String> whole = Arbitraries.oneOf(rule(), rules());
        return Arbitraries.frequencyOf(
                Tuple.of(4, whole),
                Tuple.of(4, Arbitraries.recursive(() -> whole, YamlArbitraries::damaged, 1, 3)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)),
                Tuple.of(1, Arbitraries.of(SPECIALS).list().ofMaxSize(20).map(parts -> String.join("", parts))));
    }

    /** offers.yaml, mostly well-formed. */
    static Arbitrary<String> offersFile() {
        Arbitrary<String> time = Arbitraries.of("2026-11-27T00:00:00Z", "2026-11-27", "2026-12-01T00:00:00+01:00", "yesterday",
                "2026-02-30", "~", "[1]", "2026-11-27 10:00:00+00:00", "1e9");
        Arbitrary<String> offer = Combinators.combine(Arbitraries.of("black-friday", "bf", "x y", "''"), time, time,
                Arbitraries.of("", "    note: x\n")).as((name, start, end, extra) ->
                        "  " + name + ":\n    start: " + start + "\n    end: " + end + "\n" + extra);
        Arbitrary<String> file = offer.list().ofMaxSize(3).map(offers -> "offers:\n" + String.join("", offers));
        return Arbitraries.oneOf(file, file.map(f -> f.replace("offers:", "promos:")), Arbitraries.recursive(() -> file,
                YamlArbitraries::damaged, 1, 2));
    }

    static Arbitrary<String> rule() {
        Arbitrary<String> trigger = Arbitraries.frequencyOf(Tuple.of(6, pick(TYPES, BAD_TYPES).map(t -> "on: " + t)),
                Tuple.of(2, pick(SCHEDULES, BAD_SCHEDULES).map(s -> "schedule: " + s)), Tuple.of(1, Arbitraries.just("")),
                Tuple.of(1, Combinators.combine(pick(TYPES, BAD_TYPES), pick(SCHEDULES, BAD_SCHEDULES))
                        .as((t, s) -> "on: " + t + "\nschedule: " + s)));
        return Combinators.combine(pick(IDS, BAD_IDS), trigger, optional("when", pick(WHENS, BAD_WHENS)),
                optional("priority", pick(NUMBERS, BAD_NUMBERS)), optional("limit", pick(NUMBERS, BAD_NUMBERS)),
                optional("once-per", pick(List.of("lower(escrow.metadata.buyer_email)", "escrow.id"), List.of("(", "~"))),
                optional("enabled", pick(List.of("true", "no", "off"), List.of("maybe", "1"))), actions())
                .as((id, on, when, priority, limit, oncePer, enabled, actions) ->
                        "id: " + id + "\n" + on + "\n" + when + priority + limit + oncePer + enabled + actions);
    }

    private static Arbitrary<String> rules() {
        return rule().list().ofMinSize(1).ofMaxSize(3).map(rules -> {
            StringBuilder file = new StringBuilder("rules:\n");
            rules.forEach(rule -> file.append("  - ").append(rule.replace("\n", "\n    ")).append('\n'));
            return file.toString();
        });
    }

    private static Arbitrary<String> actions() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, pick(ACTIONS, BAD_ACTIONS).list().ofMinSize(1).ofMaxSize(3)
                        .map(list -> "actions:\n  " + String.join("\n  ", list) + "\n")),
                Tuple.of(1, Arbitraries.of("actions: []\n", "actions: ~\n", "actions: log\n", "")));
    }

    /** Mostly good values, so that a rule often gets far enough for its later keys to be checked. */
    private static Arbitrary<String> pick(List<String> good, List<String> bad) {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(good)), Tuple.of(1, Arbitraries.of(bad)));
    }

    private static Arbitrary<String> optional(String key, Arbitrary<String> value) {
        return Arbitraries.oneOf(Arbitraries.just(""), value.map(v -> key + ": " + v + "\n"));
    }

    /** One line-level accident, or a YAML special spliced in at any character. */
    private static Arbitrary<String> damaged(Arbitrary<String> text) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 2000);
        return Arbitraries.oneOf(
                Combinators.combine(text, at).as((t, i) -> editLine(t, i, List::remove)),
                Combinators.combine(text, at).as((t, i) -> editLine(t, i, (lines, n) -> lines.add(n, lines.get(n)))),
                Combinators.combine(text, at, Arbitraries.of("", " ", "  ", "\t", "    - ")).as((t, i, indent) ->
                        editLine(t, i, (lines, n) -> lines.set(n, indent + lines.get(n).strip()))),
                Combinators.combine(text, at, Arbitraries.of(SPECIALS)).as((t, i, special) ->
                        t.substring(0, Math.min(i, t.length())) + special + t.substring(Math.min(i, t.length()))),
                Combinators.combine(text, at).as((t, i) -> t.substring(0, Math.min(i, t.length()))));
    }

    /** Edits the line that {@code seed} picks, modulo the number of lines. */
    private static String editLine(String text, int seed, ObjIntConsumer<List<String>> edit) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        edit.accept(lines, seed % lines.size());
        return String.join("\n", lines);
    }
}
