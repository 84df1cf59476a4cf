package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.rule.expr.CountingClock;
import com.truustrules.rule.expr.EvaluationException;
import com.truustrules.rule.expr.EvaluationTimeoutException;
import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The evaluation deadline against any text and pattern, slow ones included, on a clock that moves
 * one millisecond per read: an evaluation answers as java.util.regex does, or stops with a timeout
 * at the first clock read past its budget; never more reads, never another outcome. No wall time
 * is measured, so the property is the same on any machine.
 */
@AddLifecycleHook(FuzzBudget.class)
class EvaluationDeadlineFuzzTest {

    private static final Set<String> ROOTS = Set.of("escrow");
    /** Quick patterns, and ones whose backtracking java.util.regex does not cut short. */
    private static final String[] PATTERNS = {"[a-z]+", ".*black.*friday.*", "(a|b)*c", "(.*a){8}b", "(.*a){12}b",
        "(.*black){6}.*friday", "[0-9]{4}-[0-9]{2}", "(?i).*BLACK.*"};

    @Property(tries = 200)
    void anEvaluationAnswersAsTheRegexOrTimesOutAtTheFirstReadPastItsBudget(@ForAll("texts") String text,
            @ForAll("patterns") String pattern, @ForAll @IntRange(min = 1, max = 200) int budgetMillis)
            throws ExpressionException {
        CountingClock clock = new CountingClock(Duration.ofMillis(1));
        Expression expression = Expression.compile("matches(lower(escrow.name), '" + pattern + "')", ROOTS,
                clock.budget(budgetMillis));
        Map<String, Object> facts = Map.of("escrow", Map.of("name", text));
        try {
            Object answer = expression.evaluate(facts);
            assertTrue(clock.reads() <= budgetMillis + 1, "answered after " + clock.reads() + " reads");
            assertEquals(Pattern.compile(pattern).matcher(text.toLowerCase(java.util.Locale.ROOT)).matches(), answer);
        } catch (EvaluationTimeoutException timeout) {
            // The start is read 0, then one read per millisecond: read budget + 2 is the first past it.
            assertEquals(budgetMillis + 2, clock.reads());
        } catch (EvaluationException deep) {
            // The one other way a pattern fails: java.util.regex recursing past the stack, reported as such.
            assertTrue(deep.getMessage().contains("ran out of stack"), deep.getMessage());
        }
    }

    @Property(tries = 200)
    void everyEvaluationOfAnExpressionGetsTheWholeBudget(@ForAll("texts") String text,
            @ForAll @IntRange(min = 1, max = 20) int runs) throws ExpressionException {
        CountingClock clock = new CountingClock(Duration.ofMillis(1));
        Expression expression = Expression.compile("lower(escrow.name) == 'x' || startsWith(escrow.name, 'y')", ROOTS,
                clock.budget(3));
        for (int i = 0; i < runs; i++) {
            try {
                expression.evaluate(Map.of("escrow", Map.of("name", text)));
            } catch (EvaluationTimeoutException timeout) {
                throw new AssertionError("three helper reads fit a budget of three: run " + i, timeout);
            } catch (EvaluationException tooLong) {
                assertTrue(text.length() > 65_536, tooLong.getMessage());
            }
        }
        assertTrue(clock.reads() <= 3L * runs, clock.reads() + " reads for " + runs + " runs");
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of(PATTERNS);
    }

    /** Short noise, and long runs of the words and letters the slow patterns backtrack over. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.of("a", "b", "c", "black", "Black ", "friday", "1234-56", " ", "x");
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                piece.list().ofMaxSize(60).map(pieces -> String.join("", pieces)),
                // Up to the 65,536 characters a helper reads: longer is an error before any matching.
                Combinators.combine(piece, Arbitraries.integers().between(1, 20_000))
                        .as((p, n) -> p.repeat(Math.min(n, 65_536 / p.length()))));
    }
}
