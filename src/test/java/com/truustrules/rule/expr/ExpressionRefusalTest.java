package com.truustrules.rule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Everything outside the vocabulary is refused before MVEL sees it, with the token and its column. */
class ExpressionRefusalTest {

    static final Set<String> ROOTS = Set.of("event", "escrow", "payin", "payout", "payload", "offers", "now", "order");
    private static final String NOT_A_FACT = " is not allowed: name a fact (escrow, event, now, offers, order, payin, payload,"
            + " payout) or call a helper (within, between, hoursSince, matches, lower, email, decimal, instant, contains, startsWith, size, coalesce)";

    private static ExpressionException refusal(String source) {
        return assertThrows(ExpressionException.class, () -> Expression.compile(source, ROOTS), source);
    }

    private static void assertRefused(String source, String message, int column) {
        ExpressionException error = refusal(source);
        assertEquals(message + " (column " + column + ")", error.getMessage());
        assertEquals(column, error.column());
        assertEquals(message, error.reason());
    }

    @Test
    void runtimeExec() {
        assertRefused("Runtime.getRuntime().exec('x')", "`Runtime.getRuntime`" + NOT_A_FACT, 1);
    }

    @Test
    void systemExitByFullyQualifiedName() {
        assertRefused("java.lang.System.exit(0)", "`java.lang.System.exit`" + NOT_A_FACT, 1);
    }

    @Test
    void getClassForName() {
        assertRefused("''.getClass().forName('java.lang.Runtime')", "`getClass` is not allowed: no reflection", 4);
    }

    @Test
    void newFile() {
        assertRefused("new java.io.File('/')", "`new` is not allowed: no object creation", 1);
    }

    @Test
    void assignmentToAFact() {
        assertRefused("escrow = null", "`=` is not allowed (assignment); compare with `==`", 8);
    }

    @Test
    void assignmentToAKey() {
        assertRefused("escrow.amount = 1", "`=` is not allowed (assignment); compare with `==`", 15);
    }

    @Test
    void twoStatements() {
        assertRefused("a; b", "`;` is not allowed: one expression only, no statements", 2);
    }

    @Test
    void functionDefinition() {
        assertRefused("def f() {}", "`def` is not allowed: no function definitions", 1);
    }

    @Test
    void importStatement() {
        assertRefused("import java.io.*", "`import` is not allowed: no imports", 1);
    }

    @Test
    void whileLoop() {
        assertRefused("while (true) {}", "`while` is not allowed: no loops", 1);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("System.getenv('HOME')", "`System.getenv`" + NOT_A_FACT, 1),
                Arguments.of("Thread.sleep(1000)", "`Thread.sleep`" + NOT_A_FACT, 1),
                Arguments.of("Class.forName('x')", "`Class.forName`" + NOT_A_FACT, 1),
                Arguments.of("escrow.id == customer.id", "`customer.id`" + NOT_A_FACT, 14),
                Arguments.of("escrow.getClass()", "`getClass` is not allowed: no reflection", 8),
                Arguments.of("escrow.class", "`class` is not allowed: no reflection", 8),
                Arguments.of("escrow.metadata.size() > 0", "`size(...)` is not allowed: methods cannot be called on facts;"
                        + " the callable helpers are within, between, hoursSince, matches, lower, email, decimal, instant, contains,"
                        + " startsWith, size, coalesce", 17),
                Arguments.of("escrow.status.equals('paid')", "`equals(...)` is not allowed: methods cannot be called on facts;"
                        + " the callable helpers are within, between, hoursSince, matches, lower, email, decimal, instant, contains,"
                        + " startsWith, size, coalesce", 15),
                Arguments.of("escrow.amount += 1", "`+=` is not allowed (assignment)", 15),
                Arguments.of("escrow.count++ > 1", "`++` is not allowed (increment)", 13),
                Arguments.of("--escrow.count", "`--` is not allowed (decrement)", 1),
                Arguments.of("function f() { 1 }", "`function` is not allowed: no function definitions", 1),
                Arguments.of("for (x : escrow.items) {}", "`for` is not allowed: no loops", 1),
                Arguments.of("foreach (x : escrow.items) {}", "`foreach` is not allowed: no loops", 1),
                Arguments.of("do { 1 } while (true)", "`do` is not allowed: no loops", 1),
                Arguments.of("until (true) {}", "`until` is not allowed: no loops", 1),
                Arguments.of("with (escrow) { amount = 1 }", "`with` is not allowed", 1),
                Arguments.of("isdef escrow", "`isdef` is not allowed", 1),
                Arguments.of("(amount in escrow.items)", "`in` is not allowed", 9),
                Arguments.of("escrow instanceof java.util.Map", "`instanceof` is not allowed", 8),
                Arguments.of("escrow.name soundslike 'x'", "`soundslike` is not allowed", 13),
                Arguments.of("this.x", "`this` is not allowed", 1),
                Arguments.of("@Override escrow", "`@` is not allowed: no interceptors", 1),
                Arguments.of("escrow.x == 1 ? {1} : 2", "`{` is not allowed: no blocks or inline code", 17),
                Arguments.of("escrow.items.{amount}", "`{` is not allowed: no blocks or inline code", 14),
                Arguments.of("$.amount > 1", "`$` is not allowed", 1),
                Arguments.of("#{escrow}", "`#` is not allowed", 1),
                Arguments.of("`ls`", "``` is not allowed", 1),
                Arguments.of("escrow.name ~= 'a.*'", "`~` is not allowed", 13),
                Arguments.of("escrow.flags & 1", "`&` is not allowed", 14),
                Arguments.of("escrow.flags | 1", "`|` is not allowed", 14),
                Arguments.of("escrow.amount > 10L", "`10L` is not allowed: write numbers as plain decimals like 12.50", 17),
                Arguments.of("escrow.amount > 0x1F", "`0x1F` is not allowed: write numbers as plain decimals like 12.50", 17),
                Arguments.of("escrow.amount > 1e3", "`1e3` is not allowed: write numbers as plain decimals like 12.50", 17),
                Arguments.of("escrow.x === 1", "`=` is not allowed (assignment); compare with `==`", 12),
                Arguments.of("escrow.x contains 'a'", "unexpected `contains`", 10),
                Arguments.of("'abc'.length()", "`.` can only follow a fact: only facts have keys", 6),
                Arguments.of("lower(escrow.x).length", "`.` can only follow a fact: only facts have keys", 16),
                Arguments.of("decimal(escrow.x)[0]", "`[` can only follow a fact: only facts have keys", 18),
                Arguments.of("(escrow.x)(1)", "`(` can only follow a helper name", 11),
                Arguments.of("escrow(1)", "`escrow(...)` is not allowed: methods cannot be called on facts;"
                        + " the callable helpers are within, between, hoursSince, matches, lower, email, decimal, instant, contains,"
                        + " startsWith, size, coalesce", 1),
                Arguments.of("escrow.?x", "expected a key name after `.`", 8),
                Arguments.of("payload.items.0", "`.0` is not a key: write [0] for an index", 15),
                Arguments.of("escrow[escrow.key]", "`[` must hold a quoted key or a whole number, like ['black-friday'] or [0]", 8),
                Arguments.of("payload.items[-1]", "`[` must hold a quoted key or a whole number, like ['black-friday'] or [0]", 15),
                Arguments.of("payload.items[1.5]", "`[` must hold a quoted key or a whole number, like ['black-friday'] or [0]", 15),
                Arguments.of("within > 1", "`within` is a helper: call it as within(...)", 1),
                Arguments.of("within(event.receivedAt, offers['bf'].start)", "`within` takes 3 argument(s), not 2", 1),
                Arguments.of("lower()", "`lower` takes 1 argument(s), not 0", 1),
                Arguments.of("matches(escrow.email, '(')", "`'('` is not a regular expression: Unclosed group", 23),
                Arguments.of("within(event.receivedAt, '2026-13-01T00:00:00Z', 'PT24H')",
                        "`'2026-13-01T00:00:00Z'` is not a time: write ISO-8601 with an offset, like '2026-11-27T00:00:00Z'", 26),
                Arguments.of("within(event.receivedAt, offers['bf'].start, 'PT24')",
                        "`'PT24'` is not a duration: write ISO-8601, like 'PT24H' or 'P1D'", 46),
                Arguments.of("1 < escrow.x < 3", "comparisons cannot be chained: join them with &&", 14),
                Arguments.of("escrow.amount >", "the expression is incomplete", 16),
                Arguments.of("(escrow.amount > 1", "missing `)` at the end", 19),
                Arguments.of("escrow.vip ? 1", "missing `:` at the end", 15),
                Arguments.of("escrow.amount escrow.fee", "unexpected `escrow`", 15),
                Arguments.of("escrow.amount > )", "unexpected `)`", 17),
                Arguments.of("'unterminated", "unterminated string: add the closing '", 1),
                Arguments.of("escrow.x == 'a\\qb'", "unknown escape `\\q` in a string", 15),
                Arguments.of("   ", "the expression is empty", 1),
                Arguments.of("(".repeat(40) + "1" + ")".repeat(40), "the expression nests too deeply (over 32 levels)", 33),
                Arguments.of("!".repeat(40) + "true", "the expression nests too deeply (over 32 levels)", 32),
                Arguments.of("1 + 1".repeat(1000), "the expression is longer than 4000 characters", 4001));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusedWithTheOffendingTokenAndItsColumn(String source, String message, int column) {
        assertRefused(source, message, column);
    }

    @Test
    void theLeftmostOffenceIsReportedEvenWhenItIsAWordBeforeARefusedCharacter() {
        assertRefused("new X(); y", "`new` is not allowed: no object creation", 1);
        assertRefused("x; new X()", "`;` is not allowed: one expression only, no statements", 2);
    }

    @Test
    void aNullExpressionIsRefused() {
        assertRefused(null, "the expression is empty", 1);
    }

    @Test
    void rootsThatCouldBeConfusedWithTheVocabularyAreAProgrammingError() {
        for (String root : new String[] {"within", "new", "class", "true", "a.b", "1x"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> Expression.compile("1 == 1", Set.of(root)));
            assertEquals("`" + root + "` cannot be a fact name in expressions", error.getMessage());
        }
    }
}
