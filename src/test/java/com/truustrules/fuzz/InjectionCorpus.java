package com.truustrules.fuzz;

import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Rule expressions written to escape the vocabulary: code execution, reflection, file access,
 * statements, MVEL templates and the character tricks that hide them, each in the hands of a
 * mutator. {@code MARK} stands for a file the attack tries to create; {@code PROP} for a system
 * property it tries to set: both must stay absent.
 */
final class InjectionCorpus {

    static final Set<String> ROOTS = Set.of("event", "escrow", "payin", "payout", "payload", "offers", "now", "order");

    static final List<String> SEEDS = List.of(
            "Runtime.getRuntime().exec('touch MARK')",
            "java.lang.Runtime.getRuntime().exec(new String[] {'touch', 'MARK'})",
            "new java.lang.ProcessBuilder('touch', 'MARK').start()",
            "java.lang.System.exit(0)",
            "System.exit(0)",
            "System.setProperty('PROP', 'pwned')",
            "''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch MARK')",
            "\"\".class.forName(\"java.lang.System\").getMethod(\"exit\", int.class).invoke(null, 0)",
            "escrow.getClass().getClassLoader().loadClass('java.lang.Runtime')",
            "new java.io.File('MARK').createNewFile()",
            "java.nio.file.Files.createFile(java.nio.file.Paths.get('MARK'))",
            "new java.io.FileOutputStream('MARK').close()",
            "escrow.amount = 5",
            "escrow = null",
            "x = 1; x",
            "escrow.amount > 1; System.exit(0)",
            "def f() { System.exit(0) }; f()",
            "function f() { new java.io.File('MARK').createNewFile() }; f()",
            "for (i = 0; i < 10; i++) { System.exit(0) }",
            "while (true) { }",
            "foreach (x : escrow) { x }",
            "do { System.exit(0) } while (false)",
            "until (false) { }",
            "@{System.exit(0)}",
            "${System.exit(0)}",
            "@if{true}x@end{}",
            "#{java.lang.System.exit(0)}",
            "escrow.amount > 1 /* */ System.exit(0)",
            "escrow.amount > 1 // System.exit(0)",
            "'java.lang.' + 'Runtime'",
            "('java.lang.' + 'Runtime').getClass()",
            "'java.lang.Runtime'.class",
            "\\u0053ystem.exit(0)",
            "'\\u0027 + System.exit(0) + \\u0027'",
            "'\\u0000' == escrow.status",
            "\"\\u0000\"",
            "\u0405ystem.exit(0)",
            "\u0435scrow.amount > 1",
            "escrow.amount > \uFF11",
            "escrow\u200B.amount > 1",
            "escrow['class']",
            "escrow.class",
            "escrow.getClass()",
            "payload.items[0].getClass().forName('java.lang.Runtime')",
            "lower(escrow.status).getClass()",
            "contains(escrow.status, 'x') ? System.exit(0) : 1",
            "with (escrow) { amount = 1 }",
            "escrow.amount instanceof java.lang.Integer",
            "escrow.status ~= 'x'",
            "escrow.status soundslike 'x'",
            "isdef System",
            "import java.lang.System; System.exit(0)",
            "new int[] {1}",
            "[1, 2, 3]",
            "{'a': 1}",
            "escrow.?amount",
            "`touch MARK`",
            "this",
            "empty",
            "nil == escrow",
            "escrow.amount > 1 && true\n; System.exit(0)",
            "(java.lang.Runtime) null",
            "Runtime::getRuntime",
            "x -> x",
            "escrow.amount++",
            "escrow.amount += 1",
            "escrow.amount << 2",
            "escrow.amount ^ 2",
            "~escrow.amount",
            "0x1F + 07 + 1e5 + 10L + 1B + 1I",
            "escrow.amount.longValue()",
            "size(escrow).getClass()",
            "escrow.status == 'x' || java.lang.Runtime.getRuntime() == null",
            "offers['black-friday'].start.getClass()",
            "payload[0]",
            "payload['x'](1)",
            "lower('x')['y']",
            "(escrow).getClass()",
            "matches(escrow.status, '(a+)+$')",
            "within(now, offers['bf'].start, 'P1D')",
            "escrow.metadata.buyer_email == null ? 'none' : lower(escrow.metadata.buyer_email)");

    /** Characters that break tokenizers: statement and template marks, controls, invisible and look-alike letters. */
    private static final List<String> CHARS = List.of(";", "=", "@", "$", "#", "{", "}", "`", "\\", "~", "^", "&", "|",
            "'", "\"", "(", ")", "[", "]", ".", ",", ":", "?", "!", "<", ">", "+", "-", "*", "/", "%", " ", "\t", "\n",
            "\u0000", "\u200B", "\u00A0", "\u2028", "\uFEFF", "\u0430", "\u0435", "\u043E", "\u0405", "\uFF11", "\uFF1D",
            "\u0131", "\u0130", "\uD800", "😀", "a", "Z", "_", "0", "9", "\\u0041", "/*", "*/", "//");
    /** Words and fragments that are meaningful to MVEL or Java. */
    private static final List<String> FRAGMENTS = List.of("new", "class", "getClass", "forName", "Runtime", "System",
            "exit", "java", "lang", "exec", "def", "import", "this", "in", "with", "isdef", "empty", "nil", "null",
            "true", "escrow", "event", "payload", "offers", "now", "order", "lower", "size", "within", "amount",
            ".getClass()", "['class']", "[0]", "('x')", "; ", " = ", "@{", "${", "}", " + ", " && ", " ? 1 : 2");

    private InjectionCorpus() {
    }

    static List<String> seeds(String marker, String property) {
        return SEEDS.stream().map(seed -> seed.replace("MARK", marker).replace("PROP", property)).toList();
    }

    /** A seed or a valid expression, then up to three edits. */
    static Arbitrary<String> mutated(List<String> seeds) {
        Arbitrary<String> start = Arbitraries.oneOf(Arbitraries.of(seeds), ExpressionArbitraries.valid());
        return Arbitraries.recursive(() -> start, InjectionCorpus::edit, 0, 3);
    }

    /** Whitespace-separated fragments of every kind: tokens in an order no grammar expects. */
    static Arbitrary<String> soup() {
        return Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.of(CHARS), ExpressionArbitraries.path())
                .list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join(" ", parts));
    }

    private static Arbitrary<String> edit(Arbitrary<String> text) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 400);
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(CHARS), Arbitraries.of(FRAGMENTS));
        return Arbitraries.oneOf(
                Combinators.combine(text, at, piece).as(InjectionCorpus::insert),
                Combinators.combine(text, at, Arbitraries.integers().between(1, 8)).as(InjectionCorpus::delete),
                Combinators.combine(text, at, piece).as((s, i, p) -> insert(delete(s, i, 1), i, p)),
                Combinators.combine(text, Arbitraries.of(SEEDS), Arbitraries.of(" + ", " && ", "; ", " ", "(", ")"))
                        .as((s, other, glue) -> s + glue + other));
    }

    private static String insert(String text, int at, String piece) {
        int cut = Math.min(at, text.length());
        return text.substring(0, cut) + piece + text.substring(cut);
    }

    private static String delete(String text, int at, int length) {
        int from = Math.min(at, text.length());
        return text.substring(0, from) + text.substring(Math.min(text.length(), from + length));
    }
}
