package com.truustrules.rule.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading paths out of JSON-like facts, and the path text round trip. */
class FactsTest {

    private static final Map<String, Object> FACTS = facts();

    private static Map<String, Object> facts() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("buyer_email", "ana@example.com");
        metadata.put("note", null);
        Map<String, Object> escrow = new LinkedHashMap<>();
        escrow.put("metadata", metadata);
        escrow.put("buyer.email", "dotted@example.com");
        escrow.put("it's", "quoted");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("items", List.of(Map.of("price", 10), Map.of("price", 20)));
        payload.put("0", "zero key");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("escrow", escrow);
        facts.put("payload", payload);
        facts.put("offers", Map.of("black-friday", Map.of("start", "2026-11-27T00:00:00Z")));
        return facts;
    }

    @Test
    void readsNestedKeysIndexesAndDashedKeys() {
        assertEquals("ana@example.com", Facts.valueAt(FACTS, "escrow.metadata.buyer_email"));
        assertEquals(20, Facts.valueAt(FACTS, "payload.items[1].price"));
        assertEquals(20, Facts.valueAt(FACTS, "payload.items.1.price"));
        assertEquals("2026-11-27T00:00:00Z", Facts.valueAt(FACTS, "offers.black-friday.start"));
        assertEquals("zero key", Facts.valueAt(FACTS, "payload[0]"));
    }

    @Test
    void readsQuotedKeys() {
        assertEquals("dotted@example.com", Facts.valueAt(FACTS, "escrow['buyer.email']"));
        assertEquals("quoted", Facts.valueAt(FACTS, "escrow['it\\'s']"));
    }

    @Test
    void missingOrMisplacedStepsReadAsNull() {
        assertNull(Facts.valueAt(FACTS, "escrow.metadata.missing.deeper"));
        assertNull(Facts.valueAt(FACTS, "escrow.metadata.note.deeper"));
        assertNull(Facts.valueAt(FACTS, "escrow.metadata.buyer_email.length"));
        assertNull(Facts.valueAt(FACTS, "payload.items[5].price"));
        assertNull(Facts.valueAt(FACTS, "payload.items.x"));
        assertNull(Facts.valueAt(FACTS, "order.id"));
        assertNull(Facts.valueAt(Map.of(), "escrow"));
    }

    @Test
    void malformedPathTextReadsAsNull() {
        assertNull(Facts.valueAt(FACTS, "escrow..metadata"));
        assertNull(Facts.valueAt(FACTS, "payload.items[x]"));
        assertNull(Facts.valueAt(FACTS, "escrow['unclosed"));
        assertNull(Facts.valueAt(FACTS, ""));
        assertNull(Facts.valueAt(FACTS, null));
    }

    @Test
    void renderedPathsParseBackToTheSameSegments() {
        List<List<Object>> samples = List.of(
                List.of("escrow", "metadata", "buyer_email"),
                List.of("offers", "black-friday", "start"),
                List.of("payload", "items", 0, "price"),
                List.of("escrow", "buyer.email"),
                List.of("escrow", "it's \\ odd", "x y"));
        for (List<Object> segments : samples) {
            assertEquals(segments, Facts.parse(Facts.render(segments)), () -> Facts.render(segments));
        }
        assertEquals("offers.black-friday.start", Facts.render(Arrays.asList("offers", "black-friday", "start")));
        assertEquals("payload.items[0].price", Facts.render(List.of("payload", "items", 0, "price")));
        assertEquals("escrow['buyer.email']", Facts.render(List.of("escrow", "buyer.email")));
    }
}
