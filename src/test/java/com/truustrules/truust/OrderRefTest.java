package com.truustrules.truust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding the order and its customers in an event and an order, and judging statuses. */
class OrderRefTest {

    @Test
    void statusesComparedAlongTheLifecycleOnly() {
        assertTrue(OrderStatuses.earlierThanClaimed("DRAFT", "order.published"));
        assertTrue(OrderStatuses.earlierThanClaimed("published", "order.released"));
        assertEquals(false, OrderStatuses.earlierThanClaimed("RELEASED", "order.published"));
        assertEquals(false, OrderStatuses.earlierThanClaimed("SOMETHING_NEW", "order.published"), "unknown status");
        assertEquals(false, OrderStatuses.earlierThanClaimed("DRAFT", "order.cancelled"), "no claim on a side branch");
        assertEquals(false, OrderStatuses.earlierThanClaimed(null, "order.published"));
    }

    @Test
    void customersFoundByIdEmbeddedOrLink() {
        assertEquals("c1", OrderRef.customerId(Map.of("buyer_id", "c1"), "buyer"));
        assertEquals("c2", OrderRef.customerId(Map.of("buyer", Map.of("id", 5, "uuid", "c2")), "buyer"));
        assertEquals("c3", OrderRef.customerId(Map.of("connections", Map.of("seller", "https://x.truust.io/2.0/customers/c3?a=1")), "seller"));
        assertEquals("c4", OrderRef.customerId(Map.of("connections", Map.of("seller", Map.of("href", "/customers/c4/"))), "seller"));
        assertNull(OrderRef.customerId(Map.of("connections", Map.of("seller", 12)), "seller"));
        assertEquals("8810231", OrderRef.orderId(Map.of("payin", Map.of("escrow_id", 8810231))));
    }
}
