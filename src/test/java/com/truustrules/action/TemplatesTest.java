package com.truustrules.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

    private static Map<String, Object> facts() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("escrow", Map.of("id", "8810231", "amount", new BigDecimal("149.9"),
                "metadata", Map.of("buyer_email", "ana@example.com")));
        facts.put("promo", Map.of("code", "BF26-1"));
        return facts;
    }

    @Test
    void rendersNestedMapsAndEarlierResults() {
        assertEquals("Order 8810231: 149.9, code BF26-1 for ana@example.com",
                Templates.render("Order {escrow.id}: {escrow.amount}, code {promo.code} for {escrow.metadata.buyer_email}", facts()));
    }

    @Test
    void aMissingValueFallsBackWithElvis() {
        assertEquals("Hello there", Templates.render("Hello {escrow.metadata.buyer_name ?: 'there'}", facts()));
    }

    @Test
    void aMissingValueRendersAsNothing() {
        assertEquals("Hello !", Templates.render("Hello {escrow.metadata.buyer_name}!", facts()));
        assertEquals("<p>Hello </p>", Templates.renderHtml("<p>Hello {escrow.nothing.deeper}</p>", facts()));
    }

    @Test
    void htmlIsEscapedOnlyWhereItShouldBe() {
        Map<String, Object> facts = Map.of("escrow", Map.of("name", "<b>x</b>"));
        assertEquals("<p>&lt;b&gt;x&lt;/b&gt;</p>", Templates.renderHtml("<p>{escrow.name}</p>", facts));
        assertEquals("Order <b>x</b>", Templates.render("Order {escrow.name}", facts));
    }

    @Test
    void unknownNamesAndSyntaxErrorsAreReportedWithTheirLine() {
        assertEquals(List.of(new Templates.Problem(2, "unknown name 'customer' in {customer.email} (known: buyer, email, escrow, event, "
                + "firing, http, now, offers, order, payin, payload, payout, promo, rule, seller)")),
                Templates.check("Hi\n{customer.email}"));
        assertEquals(1, Templates.check("{#if escrow.id}\nopen").size());
        assertEquals(List.of(), Templates.check("{#for item in payload.items}{item.name}{/for}"));
    }
}
