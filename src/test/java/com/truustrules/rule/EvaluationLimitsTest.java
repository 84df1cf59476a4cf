package com.truustrules.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.common.EventFacts;
import com.truustrules.rule.expr.Budget;
import com.truustrules.rule.expr.CountingClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine records when an evaluation hits a bound, and how facts treat numbers out of range. */
class EvaluationLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    private RuleSet load(Budget budget, String... rules) {
        RuleFolder folder = new RuleFolder(dir);
        for (int i = 0; i < rules.length; i++) {
            folder.write("r" + i + ".yaml", rules[i]);
        }
        LoadResult result = new RuleLoader(dir, Clock.fixed(NOW, ZoneOffset.UTC), budget).load();
        assertTrue(result.valid(), String.valueOf(result.errors()));
        return result.ruleSet();
    }

    private static String rule(String id, String when) {
        return "id: " + id + "\non: [order.published]\nwhen: \"" + when + "\"\nactions:\n  - log: { message: hit }\n";
    }

    private static Map<String, Object> facts(RuleSet rules, String body) {
        return EventFacts.of("e1", "order.published", NOW, body, rules.offerFacts(), NOW);
    }

    @Test
    void aTimedOutConditionIsThatRulesErrorAndTheOtherRulesStillRun() {
        RuleSet rules = load(new CountingClock(Duration.ofMillis(1)).budget(50), rule("slow", "matches(escrow.name, '(.*a){12}b')"), rule("fast", "escrow.name != null"));
        List<Evaluation> evaluations = RuleEngine.evaluate(rules, "order.published",
                facts(rules, "{\"escrow\":{\"name\":\"" + "a".repeat(40) + "\"}}"));
        Evaluation slow = evaluations.stream().filter(e -> e.rule().equals("slow")).findFirst().orElseThrow();
        assertEquals(Evaluation.Outcome.ERROR, slow.outcome());
        assertEquals("evaluation timed out", slow.reason());
        assertEquals("`matches(escrow.name, '(.*a){12}b')`: evaluation timed out after 50 ms (TRUUST_RULES_EVALUATION_TIMEOUT)",
                slow.error());
        Evaluation fast = evaluations.stream().filter(e -> e.rule().equals("fast")).findFirst().orElseThrow();
        assertEquals(Evaluation.Outcome.MATCHED, fast.outcome());
    }

    @Test
    void aTooLongTextIsAnErrorAndOnlyItsStartIsRecorded() {
        RuleSet rules = load(Budget.DEFAULT, rule("black-friday", "matches(lower(escrow.name), '.*black.*friday.*')"));
        String name = "x".repeat(255 * 1024);
        Evaluation evaluation = RuleEngine.evaluate(rules, "order.published",
                facts(rules, "{\"escrow\":{\"name\":\"" + name + "\"}}")).get(0);
        assertEquals(Evaluation.Outcome.ERROR, evaluation.outcome());
        assertEquals("evaluation failed", evaluation.reason());
        assertTrue(evaluation.error().endsWith("a text of 261120 characters is longer than the 65536 a helper reads"),
                evaluation.error());
        assertEquals("x".repeat(RuleEngine.MAX_RECORDED_TEXT) + "… (261120 characters)", evaluation.read().get("escrow.name"));
    }

    @Test
    void factsReadANumberOutOfRangeAsNull() {
        Map<String, Object> payload = EventFacts.parse("{\"escrow\":{\"amount\":1e999999999,\"fee\":149.90,"
                + "\"items\":[1e-5000,2],\"big\":" + "9".repeat(101) + ",\"ok\":" + "9".repeat(100) + "}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> escrow = (Map<String, Object>) payload.get("escrow");
        assertTrue(escrow.containsKey("amount"));
        assertNull(escrow.get("amount"));
        assertEquals(new BigDecimal("149.90"), escrow.get("fee"));
        assertEquals(java.util.Arrays.asList(null, 2), escrow.get("items"));
        assertNull(escrow.get("big"));
        assertEquals(new java.math.BigInteger("9".repeat(100)), escrow.get("ok"));
    }

    @Test
    void aRuleOnAHugeAmountSeesNull() {
        RuleSet rules = load(Budget.DEFAULT, rule("amount", "contains(escrow.amount, '.')"));
        Evaluation evaluation = RuleEngine.evaluate(rules, "order.published",
                facts(rules, "{\"escrow\":{\"amount\":1e999999999}}")).get(0);
        assertEquals(Evaluation.Outcome.NOT_MATCHED, evaluation.outcome());
    }
}
