package com.truustrules.rule.expr;

import static com.truustrules.rule.expr.ExpressionRefusalTest.ROOTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compiled expressions against facts: results, static type, paths read and null safety. */
class ExpressionTest {

    private static final Instant OFFER_START = Instant.parse("2026-11-27T00:00:00Z");
    private static final String PROMO = "within(event.receivedAt, offers['black-friday'].start, 'PT24H')";

    private static Expression compile(String source) {
        try {
            return Expression.compile(source, com.truustrules.common.EventFacts.NAMES);
        } catch (ExpressionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Object eval(String source, Map<String, Object> facts) {
        return compile(source).evaluate(facts);
    }

    private static Map<String, Object> promoFacts(Instant receivedAt) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("event", Map.of("id", "evt-1", "type", "order.published", "receivedAt", receivedAt));
        facts.put("offers", Map.of("black-friday", Map.of("start", OFFER_START, "end", OFFER_START.plus(Duration.ofDays(3)))));
        facts.put("now", receivedAt);
        return facts;
    }

    private static Map<String, Object> escrow(Object... keysAndValues) {
        Map<String, Object> escrow = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            escrow.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        Map<String, Object> facts = new HashMap<>();
        facts.put("escrow", escrow);
        return facts;
    }

    @Test
    void thePromoRuleFiresOnlyInsideTheFirst24Hours() throws ExpressionException {
        Expression promo = compile(PROMO);
        assertTrue(promo.test(promoFacts(OFFER_START)));
        assertTrue(promo.test(promoFacts(OFFER_START.plus(Duration.ofHours(24)).minusMillis(1))));
        assertFalse(promo.test(promoFacts(OFFER_START.plus(Duration.ofHours(24)))));
        assertFalse(promo.test(promoFacts(OFFER_START.minusNanos(1))));
        assertFalse(promo.test(Map.of()));
    }

    @Test
    void theWindowWorksWithOffersGivenAsIsoText() throws ExpressionException {
        Map<String, Object> facts = promoFacts(OFFER_START.plusSeconds(60));
        facts.put("offers", Map.of("black-friday", Map.of("start", "2026-11-27T01:00:00+01:00")));
        assertTrue(compile(PROMO).test(facts));
    }

    @Test
    void pathsAreTheFactsReadInOrderOfFirstUse() {
        Expression expression = compile("payload.items[0].price > 10 && escrow['buyer.email'] != null"
                + " && hoursSince(escrow.created_at) < 48 && payload.items[0].price < 100");
        assertEquals(List.of("payload.items[0].price", "escrow['buyer.email']", "escrow.created_at", "now"), expression.paths());
        assertEquals(List.of("event.receivedAt", "offers.black-friday.start"), compile(PROMO).paths());
        assertEquals(List.of(), compile("1 + 1 == 2").paths());
    }

    @Test
    void valuesAreWhatThePathsReadInTheseFacts() {
        Map<String, Object> facts = promoFacts(OFFER_START);
        Map<String, Object> values = compile(PROMO + " && order.total > 1").values(facts);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("event.receivedAt", OFFER_START);
        expected.put("offers.black-friday.start", OFFER_START);
        expected.put("order.total", null);
        assertEquals(expected, values);
    }

    @ParameterizedTest
    @ValueSource(strings = {"escrow.amount > 1", "escrow.a == escrow.b", "escrow.a != null", "!escrow.paid",
        "escrow.a && escrow.b", "escrow.a || escrow.b", "true", "(false)", PROMO, "between(now, event.receivedAt, now)",
        "matches(escrow.email, '.*')", "contains(escrow.tags, 'vip')", "startsWith(escrow.id, 'ORD')",
        "escrow.vip == true ? escrow.amount > 100 : escrow.amount > 1000", "!(escrow.amount > 1)"})
    void booleanExpressions(String source) {
        assertTrue(compile(source).isBoolean(), source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"escrow.paid", "escrow.amount + 1", "lower(escrow.status)", "decimal(escrow.amount)",
        "hoursSince(escrow.created_at)", "size(payload.items)", "instant(escrow.paid_at)", "'text'", "42", "null",
        "escrow.vip == true ? true : 'maybe'", "-escrow.delta"})
    void nonBooleanExpressions(String source) {
        assertFalse(compile(source).isBoolean(), source);
    }

    @Test
    void missingKeysAndNullIntermediatesReadAsNull() {
        String deep = "escrow.metadata.missing.deeper == null";
        assertEquals(true, eval(deep, escrow("metadata", Map.of())));
        assertEquals(true, eval(deep, escrow("metadata", "a string, not a map")));
        assertEquals(true, eval(deep, escrow()));
        assertEquals(true, eval(deep, Map.of()));
        assertEquals(true, eval(deep, null));
        assertNull(eval("order.customer.email", Map.of()));
    }

    @Test
    void comparingAMissingValueIsFalseRatherThanAnError() {
        for (String source : List.of("escrow.nope > 3", "escrow.nope < 3", "escrow.nope >= 3", "escrow.nope == 3",
                "decimal(escrow.nope) <= 3", "hoursSince(escrow.nope) > 48")) {
            assertEquals(false, eval(source, escrow("amount", 5)), source);
        }
        assertEquals(true, eval("escrow.nope != 3", escrow()));
    }

    @Test
    void aMissingOperandOfLogicIsFalse() {
        assertEquals(false, eval("escrow.paid && true", escrow()));
        assertEquals(true, eval("escrow.paid || true", escrow()));
        assertEquals(true, eval("!escrow.paid", escrow()));
        assertEquals("no", eval("escrow.paid ? 'yes' : 'no'", escrow()));
        assertEquals(true, eval("escrow.paid && escrow.shipped", escrow("paid", true, "shipped", true)));
    }

    @Test
    void aNonBooleanOperandOfLogicIsAnEvaluationError() {
        EvaluationException error = assertThrows(EvaluationException.class,
                () -> compile("escrow.paid && true").evaluate(escrow("paid", "yes")));
        assertEquals("`escrow.paid && true` failed: expected true or false but found String `yes`", error.getMessage());
    }

    @Test
    void comparingTextWithANumberIsAnEvaluationErrorAndTestReportsItWithoutColumn() {
        Expression expression = compile("escrow.amount > 3");
        ExpressionException error = assertThrows(ExpressionException.class, () -> expression.test(escrow("amount", "abc")));
        assertEquals("`escrow.amount > 3` failed: uncomparable values <<abc>> and <<3>>", error.getMessage());
        assertEquals(0, error.column());
    }

    @Test
    void testRefusesANonBooleanResult() {
        ExpressionException error = assertThrows(ExpressionException.class,
                () -> compile("escrow.amount").test(escrow("amount", 1500)));
        assertEquals("`escrow.amount` gave Integer `1500`, not true or false", error.getMessage());
        ExpressionException nothing = assertThrows(ExpressionException.class, () -> compile("escrow.amount").test(escrow()));
        assertEquals("`escrow.amount` gave null, not true or false", nothing.getMessage());
    }

    @Test
    void numbersCompareByValueAcrossIntegerLongAndBigDecimal() {
        String big = "escrow.amount >= 1000";
        assertEquals(true, eval(big, escrow("amount", 1000)));
        assertEquals(true, eval(big, escrow("amount", 1000L)));
        assertEquals(true, eval(big, escrow("amount", new BigDecimal("1000.00"))));
        assertEquals(false, eval(big, escrow("amount", new BigDecimal("999.99"))));
        assertEquals(true, eval("escrow.amount == 12.50", escrow("amount", new BigDecimal("12.5"))));
        assertEquals(true, eval("escrow.amount == 1000", escrow("amount", new BigDecimal("1000.00"))));
    }

    @Test
    void decimalMakesNumericTextComparable() {
        String big = "decimal(escrow.amount) >= 1000";
        assertEquals(true, eval(big, escrow("amount", "1000.00")));
        assertEquals(false, eval(big, escrow("amount", "999.99")));
        assertEquals(true, eval(big, escrow("amount", 1000)));
        assertEquals(false, eval(big, escrow("amount", "a lot")));
        assertEquals(true, eval("decimal(escrow.amount) == decimal('12.5')", escrow("amount", "12.50")));
        assertEquals(true, eval("decimal(escrow.amount) == null", escrow("amount", "n/a")));
    }

    @Test
    void arithmeticAndNegativeLiterals() {
        Map<String, Object> facts = escrow("amount", new BigDecimal("1200.50"), "fee", 200, "delta", -7);
        assertEquals(true, eval("escrow.amount - escrow.fee > 1000", facts));
        assertEquals(true, eval("escrow.fee * 2 == 400", facts));
        assertEquals(true, eval("escrow.fee % 3 == 2", facts));
        assertEquals(true, eval("escrow.delta < -5", facts));
        assertEquals(true, eval("-escrow.delta == 7", facts));
        assertEquals(-2147483648, eval("-2147483648", facts));
        assertEquals(true, eval("1 + 2 * 3 == 7 && (1 + 2) * 3 == 9", facts));
    }

    @Test
    void textHelpersAndLiterals() {
        Map<String, Object> facts = escrow("status", "CANCELLED", "email", "ana@shop.example", "first", "x", "second", "y");
        assertEquals(true, eval("lower(escrow.status) == 'cancelled'", facts));
        assertEquals(true, eval("matches(escrow.email, '.+@shop\\\\.example')", facts));
        assertEquals(true, eval("escrow.first + '-' + escrow.second == \"x-y\"", facts));
        assertEquals("it's \"quoted\"", eval("'it\\'s \"quoted\"'", facts));
        assertEquals("tab\there \u00e9", eval("\"tab\\there \\u00e9\"", facts));
        assertEquals(true, eval("contains(escrow.status, 'CANCEL') && startsWith(escrow.email, 'ana')", facts));
        assertEquals(9, eval("size(escrow.status)", facts));
    }

    @Test
    void emailGivesOneNormalisedAddressOrNull() {
        Map<String, Object> facts = escrow("plain", " Ana.Garcia@Example.COM ", "list", "victim@example.com, a1@evil.example",
                "group", "undisclosed: g1@evil.example, g2@evil.example;", "crlf", "victim@example.com\r\nBcc: a1@evil.example",
                "number", 12);
        assertEquals("ana.garcia@example.com", eval("email(escrow.plain)", facts));
        assertNull(eval("email(escrow.list)", facts));
        assertNull(eval("email(escrow.group)", facts));
        assertNull(eval("email(escrow.crlf)", facts));
        assertNull(eval("email(escrow.number)", facts));
        assertNull(eval("email(escrow.missing)", facts));
        assertEquals(true, eval("email(escrow.plain) == email('ana.garcia@example.com')", facts));
    }

    @Test
    void coalesceFallsBackWhenTheFirstIsMissingOrBlank() {
        Map<String, Object> facts = promoFacts(OFFER_START.plusSeconds(10));
        facts.put("escrow", Map.of("metadata", Map.of("buyer_email", "Meta@Example.com")));
        facts.put("buyer", null);
        facts.put("order", null);
        String buyer = "email(coalesce(buyer.email, escrow.metadata.buyer_email))";
        assertEquals("meta@example.com", eval(buyer, facts), "no buyer from Truust: the webhook's address");
        facts.put("buyer", Map.of("email", " "));
        assertEquals("meta@example.com", eval(buyer, facts), "a blank address is no address");
        facts.put("buyer", Map.of("email", "Ana@Example.com"));
        assertEquals("ana@example.com", eval(buyer, facts), "the buyer Truust knows wins");
        String paid = "within(coalesce(order.published_at, event.receivedAt), offers['black-friday'].start, 'PT24H')";
        assertEquals(true, eval(paid, facts), "no order: the receipt time");
        facts.put("order", Map.of("published_at", "2026-11-26T23:59:59Z"));
        assertEquals(false, eval(paid, facts), "the payment time, when Truust gives it, decides");
        assertTrue(compile(buyer).paths().containsAll(java.util.List.of("buyer.email", "escrow.metadata.buyer_email")));
    }

    @Test
    void timesCompareDirectlyAndThroughInstant() {
        Map<String, Object> facts = promoFacts(OFFER_START.plusSeconds(10));
        ((Map<String, Object>) facts).put("escrow", Map.of("paid_at", "2026-11-27T00:00:05Z"));
        assertEquals(true, eval("event.receivedAt >= offers['black-friday'].start", facts));
        assertEquals(true, eval("instant(escrow.paid_at) < event.receivedAt", facts));
        assertEquals(true, eval("between(instant(escrow.paid_at), offers['black-friday'].start, offers['black-friday'].end)", facts));
        assertEquals(true, eval("event.receivedAt > instant('2026-11-26T23:00:00-01:00')", facts));
    }

    @Test
    void hoursSinceMeasuresToTheNowFact() {
        Map<String, Object> facts = escrow("created_at", "2026-11-25T00:00:00Z");
        facts.put("now", OFFER_START);
        assertEquals(new BigDecimal("48"), eval("hoursSince(escrow.created_at)", facts));
        assertEquals(true, eval("hoursSince(escrow.created_at) >= 48", facts));
        facts.remove("now");
        assertNull(eval("hoursSince(escrow.created_at)", facts));
    }

    @Test
    void theTernaryPicksABranch() {
        String source = "escrow.vip == true ? escrow.amount > 100 : escrow.amount > 1000";
        assertEquals(true, eval(source, escrow("vip", true, "amount", 500)));
        assertEquals(false, eval(source, escrow("vip", false, "amount", 500)));
        assertEquals("b", eval("false ? 'a' : true ? 'b' : 'c'", Map.of()));
    }

    @Test
    void wordsAfterADotAreKeysEvenWhenTheyAreKeywordsElsewhere() {
        Map<String, Object> facts = Map.of("payload", Map.of("new", 1, "for", 2, "import", 3));
        assertEquals(true, eval("payload.new == 1 && payload.for == 2 && payload.import == 3", facts));
    }

    @Test
    void keysWithDashesDotsAndIndexes() {
        Map<String, Object> facts = Map.of("payload", Map.of("items", List.of(Map.of("sku", "A-1")), "buyer.email", "b@x"),
                "offers", Map.of("black-friday", Map.of("code", "BF")));
        assertEquals("A-1", eval("payload.items[0].sku", facts));
        assertEquals("b@x", eval("payload['buyer.email']", facts));
        assertEquals("BF", eval("offers[\"black-friday\"]['code']", facts));
        assertNull(eval("payload.items[3].sku", facts));
    }

    @Test
    void oneCompiledExpressionServesManyFacts() throws ExpressionException {
        Expression expression = compile("escrow.amount >= 1000");
        assertTrue(expression.test(escrow("amount", 1000)));
        assertFalse(expression.test(escrow("amount", 999)));
        assertTrue(expression.test(escrow("amount", new BigDecimal("5000"))));
        assertEquals("escrow.amount >= 1000", expression.source());
    }

    @Test
    void mvelOnlySeesGeneratedNames() {
        assertEquals("fn_within(__f0, __f1, __c0)", compile(PROMO).mvel());
        assertEquals("(fn_truth(__f0) && (__f1 > __c0))", compile("escrow.paid && escrow.amount > 'x'").mvel());
        assertEquals("fn_hoursSince(__f0, __f1)", compile("hoursSince(escrow.created_at)").mvel());
    }

    @Test
    void helpersListsTheCallableNames() {
        assertEquals(List.of("within", "between", "hoursSince", "matches", "lower", "email", "decimal", "instant", "contains",
                "startsWith", "size", "coalesce"), Expression.helpers());
    }
}
