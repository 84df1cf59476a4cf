package com.truustrules.rule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bounds on one evaluation: its deadline (counted in clock reads, never measured in wall time),
 * the text length helpers read, huge numbers, and patterns only from the rule's own text.
 */
class EvaluationBoundsTest {

    private static final Set<String> ROOTS = Set.of("escrow", "now");
    /**
     * Backtracking that Java's regex engine does not cut short (unlike (a+)+b): 24 a's take seconds,
     * 40 take hours.
     */
    private static final String NESTED = "matches(escrow.name, '(.*a){12}b')";

    private static Map<String, Object> name(Object name) {
        return Map.of("escrow", Map.of("name", name));
    }

    @Test
    void aRegexThatBacktracksForeverTimesOutAtTheFirstClockReadPastTheBudget() throws ExpressionException {
        CountingClock clock = new CountingClock(Duration.ofMillis(1));
        Expression expression = Expression.compile(NESTED, ROOTS, clock.budget(50));
        EvaluationTimeoutException timeout = assertThrows(EvaluationTimeoutException.class,
                () -> expression.evaluate(name("a".repeat(40))));
        // One read to start, then reads 1 ms apart: the 52nd is the first past 50 ms.
        assertEquals(52, clock.reads());
        assertEquals("`" + NESTED + "`: evaluation timed out after 50 ms (TRUUST_RULES_EVALUATION_TIMEOUT)", timeout.getMessage());
    }

    @Test
    void aRegexLooksAtTheClockOncePerThousandCharactersItReads() throws ExpressionException {
        CountingClock clock = new CountingClock(Duration.ZERO.plusNanos(1));
        Expression expression = Expression.compile("matches(escrow.name, '[a-z]+')", ROOTS, clock.budget(1_000_000));
        assertEquals(true, expression.evaluate(name("a".repeat(10 * Deadline.CHARS_PER_CHECK))));
        // The start, the helper's own check, and one per 1024 characters read (10 240 characters, read once each).
        assertEquals(2 + 10, clock.reads());
    }

    @Test
    void theTimeoutIsThatOfTheExpressionItsMessageNamesTheSetting() throws ExpressionException {
        CountingClock clock = new CountingClock(Duration.ofMillis(30));
        Expression expression = Expression.compile("lower(escrow.name) == 'x' || lower(escrow.name) == 'y'", ROOTS,
                clock.budget(1));
        // Read at the start (0), by the first lower (30 ms: not over), by the second (60 ms: over).
        EvaluationTimeoutException timeout = assertThrows(EvaluationTimeoutException.class, () -> expression.evaluate(name("Z")));
        assertTrue(timeout.getMessage().endsWith("timed out after 30 ms (TRUUST_RULES_EVALUATION_TIMEOUT)"), timeout.getMessage());
        assertEquals(Duration.ofMillis(30), timeout.timeout());
    }

    @Test
    void aTimeoutIsReportedByTestAsAnExpressionExceptionCausedByIt() throws ExpressionException {
        Expression expression = Expression.compile(NESTED, ROOTS, new CountingClock(Duration.ofMillis(1)).budget(5));
        ExpressionException error = assertThrows(ExpressionException.class, () -> expression.test(name("a".repeat(40))));
        assertTrue(error.getCause() instanceof EvaluationTimeoutException, String.valueOf(error.getCause()));
    }

    @Test
    void eachEvaluationHasItsOwnBudget() throws ExpressionException {
        CountingClock clock = new CountingClock(Duration.ofMillis(1));
        Expression expression = Expression.compile("matches(escrow.name, '[a-z]+')", ROOTS, clock.budget(5));
        for (int i = 0; i < 20; i++) {
            assertEquals(true, expression.evaluate(name("abc")));
        }
        assertEquals(40, clock.reads());
    }

    @Test
    void aPatternFromAFactOrAComputedPatternIsRefusedAtLoad() {
        ExpressionException fact = assertThrows(ExpressionException.class,
                () -> Expression.compile("matches(escrow.name, escrow.pattern)", ROOTS));
        assertEquals("the pattern of `matches` must be quoted text written in the rule, like '[a-z]+': a pattern is never"
                + " taken from a fact or computed", fact.reason());
        assertEquals(22, fact.column());
        ExpressionException computed = assertThrows(ExpressionException.class,
                () -> Expression.compile("matches(escrow.name, lower('A.*'))", ROOTS));
        assertEquals(22, computed.column());
        assertThrows(ExpressionException.class, () -> Expression.compile("matches(escrow.name, 'a' + escrow.x)", ROOTS));
        assertThrows(ExpressionException.class, () -> Expression.compile("matches(escrow.name, ('a'))", ROOTS));
    }

    @Test
    void aLiteralPatternIsCompiledOnceAtLoad() throws ExpressionException {
        Expression expression = Expression.compile("matches(escrow.name, '[a-z]+')", ROOTS);
        assertTrue(expression.test(name("abc")));
        assertFalse(expression.test(name("ABC")));
    }

    @Test
    void helpersReadTextUpToTheLimitAndRefuseLonger() throws ExpressionException {
        Expression lower = Expression.compile("lower(escrow.name)", ROOTS);
        assertEquals(Helpers.MAX_TEXT, ((String) lower.evaluate(name("A".repeat(Helpers.MAX_TEXT)))).length());
        EvaluationException tooLong = assertThrows(EvaluationException.class,
                () -> lower.evaluate(name("A".repeat(Helpers.MAX_TEXT + 1))));
        assertEquals("`lower(escrow.name)` failed: a text of 65537 characters is longer than the 65536 a helper reads",
                tooLong.getMessage());
        for (String helper : new String[] {"matches(escrow.name, '.*')", "contains(escrow.name, 'x')",
                "startsWith(escrow.name, 'x')", "contains('x', escrow.name)"}) {
            Expression expression = Expression.compile(helper, ROOTS);
            assertThrows(EvaluationException.class, () -> expression.evaluate(name("x".repeat(Helpers.MAX_TEXT + 1))), helper);
        }
    }

    @Test
    void aNumberWithAHugeExponentIsNeverWrittenOut() throws ExpressionException {
        Expression contains = Expression.compile("contains(escrow.name, '.')", ROOTS);
        EvaluationException error = assertThrows(EvaluationException.class,
                () -> contains.evaluate(name(new BigDecimal("1e999999999"))));
        assertEquals("`contains(escrow.name, '.')` failed: a text of over 65536 digits is longer than the 65536 a helper reads",
                error.getMessage());
        assertEquals(false, contains.evaluate(name(new BigDecimal("1e100"))));
        assertEquals(true, contains.evaluate(name(new BigDecimal("1e-100"))));
    }

    @Test
    void aPatternThatRecursesPastTheStackIsAnEvaluationErrorThatSaysSo() throws ExpressionException {
        Expression expression = Expression.compile("matches(escrow.name, '(a|b)*c')", ROOTS);
        EvaluationException error = assertThrows(EvaluationException.class,
                () -> expression.evaluate(name("a".repeat(Helpers.MAX_TEXT))));
        assertTrue(error.getMessage().contains("the pattern is too deep for a text of 65536 characters"), error.getMessage());
    }
}
