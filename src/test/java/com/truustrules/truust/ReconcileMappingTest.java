package com.truustrules.truust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.common.TruustIds;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What reconciliation maps: an order status to the notification that announces it, a webhook body to its order id. */
class ReconcileMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusesWithANotificationMapToItsTypeOthersAreSkipped() {
        assertEquals(Optional.of("order.published"), OrderStatuses.notificationType("PUBLISHED"));
        assertEquals(Optional.of("order.failed"), OrderStatuses.notificationType("FAILURE"));
        assertEquals(Optional.of("order.accepted"), OrderStatuses.notificationType(" accepted "));
        assertEquals(Optional.of("order.rejected"), OrderStatuses.notificationType("REJECTED"));
        assertEquals(Optional.of("order.cancelled"), OrderStatuses.notificationType("CANCELLED"));
        assertEquals(Optional.of("order.released"), OrderStatuses.notificationType("RELEASED"));
        assertTrue(OrderStatuses.notificationType("DRAFT").isEmpty());
        assertTrue(OrderStatuses.notificationType("PENDING_RELEASE").isEmpty());
        assertTrue(OrderStatuses.notificationType("SOMETHING_NEW").isEmpty());
        assertTrue(OrderStatuses.notificationType(null).isEmpty());
        assertTrue(OrderStatuses.notificationType(5).isEmpty());
    }

    @Test
    void webhookBodiesNameTheirOrderAsReconciliationLooksItUp() throws Exception {
        assertEquals("8810231", TruustIds.orderId(JSON.readTree("{\"escrow\": {\"id\": \"8810231\"}}")));
        assertEquals("8810231", TruustIds.orderId(JSON.readTree("{\"payin\": {\"escrow_id\": 8810231}}")));
        assertEquals("77", TruustIds.orderId(JSON.readTree("{\"escrow\": {}, \"payout\": {\"escrow_id\": \" 77 \"}}")));
        assertNull(TruustIds.orderId(JSON.readTree("{\"escrow\": {\"id\": \"1; DROP TABLE\"}}")), "not a Truust id");
        assertNull(TruustIds.orderId(JSON.readTree("{\"escrow\": {\"id\": \"" + "9".repeat(65) + "\"}}")), "too long for the column");
        assertNull(TruustIds.orderId(JSON.readTree("{\"escrow\": {\"id\": {\"x\": 1}}}")));
        assertNull(TruustIds.orderId(JSON.readTree("{\"escrow\": {\"id\": 1.5}}")));
        assertNull(TruustIds.orderId(JSON.readTree("{\"platform\": \"demo\"}")));
    }
}
