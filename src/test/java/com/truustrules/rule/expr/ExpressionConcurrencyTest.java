package com.truustrules.rule.expr;

import static com.truustrules.rule.expr.ExpressionRefusalTest.ROOTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One compiled expression shared by 16 threads, each with its own facts, from its very first evaluation. */
class ExpressionConcurrencyTest {

    private static final int THREADS = 16;
    private static final int EVALUATIONS = 3_000;
    private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
    /**
     * Generous: this test is about results, not time. Sixteen threads on a two-core machine build the
     * same lazy MVEL accessors at once and spin on its monitors, which counts as their CPU time; at the
     * 50 ms default one evaluation of a loaded CI run timed out. The budget has its own tests.
     */
    private static final Budget BUDGET = Budget.of(Duration.ofSeconds(10));
    private static final String SOURCE = "within(event.receivedAt, offers['black-friday'].start, 'PT24H')"
            + " && decimal(escrow.amount) >= 100 && (lower(escrow.status) == 'paid' || escrow.vip == true)";

    @Test
    void sixteenThreadsGetTheResultsOfTheirOwnFacts() throws Exception {
        long firing = IntStream.range(0, THREADS * EVALUATIONS).filter(ExpressionConcurrencyTest::expected).count();
        assertTrue(firing > 1_000 && firing < THREADS * EVALUATIONS - 1_000, "both outcomes are exercised: " + firing);
        for (int round = 0; round < 5; round++) {
            // A fresh expression per round: MVEL builds its accessors lazily on first evaluation,
            // so the racy moment is when all threads start on a never-evaluated expression.
            Expression shared = Expression.compile(SOURCE, ROOTS, BUDGET);
            assertEquals(0, mismatches(shared), "round " + round);
        }
    }

    private static int mismatches(Expression shared) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            results.add(pool.submit(worker(shared, t, start)));
        }
        start.countDown();
        int mismatches = 0;
        for (Future<Integer> result : results) {
            mismatches += result.get();
        }
        pool.shutdown();
        return mismatches;
    }

    private static Callable<Integer> worker(Expression shared, int thread, CountDownLatch start) {
        return () -> {
            start.await();
            int mismatches = 0;
            for (int i = 0; i < EVALUATIONS; i++) {
                int n = thread * EVALUATIONS + i;
                if (shared.test(facts(n)) != expected(n)) {
                    mismatches++;
                }
            }
            return mismatches;
        };
    }

    /** Minutes after the offer start, amount, status and vip all vary with n, independently. */
    private static Map<String, Object> facts(int n) {
        Instant receivedAt = START.plus(Duration.ofMinutes(n % 2_000 - 100));
        Object amount = n % 3 == 0 ? String.valueOf(n % 250) : new BigDecimal(n % 250);
        return Map.of(
                "event", Map.of("receivedAt", receivedAt),
                "offers", Map.of("black-friday", Map.of("start", START)),
                "escrow", Map.of("amount", amount, "status", n % 5 == 0 ? "PAID" : "pending", "vip", n % 7 == 0));
    }

    private static boolean expected(int n) {
        long minutes = n % 2_000 - 100;
        boolean inWindow = minutes >= 0 && minutes < 24 * 60;
        return inWindow && n % 250 >= 100 && (n % 5 == 0 || n % 7 == 0);
    }
}
