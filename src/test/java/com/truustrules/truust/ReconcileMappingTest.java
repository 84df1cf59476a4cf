package com.truustrules.truust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.common.TruustIds;
import java.lang.reflect.Proxy;
import java.time.Instant;
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
    void listingDatesAreWrittenAsConfigured() {
        Instant at = Instant.parse("2026-12-05T10:15:00Z");
        assertEquals("2026-12-05T10:15:00Z", dating("iso").date(at, false));
        assertEquals("2026-12-05", dating("yyyy-MM-dd").date(at, false));
        assertEquals("2026-12-06", dating("yyyy-MM-dd").date(at, true), "a date-only end is the day after: today's orders are in");
        assertEquals("2026-12-05 10:15:00", dating("yyyy-MM-dd HH:mm:ss").date(at, true));
    }

    /** A client whose only setting is the reconciliation date format (date() reads nothing else). */
    private static TruustApi dating(String pattern) {
        TruustApiConfig.Reconcile reconcile = proxy(TruustApiConfig.Reconcile.class, "dateFormat", pattern);
        TruustApi api = new TruustApi();
        api.config = proxy(TruustApiConfig.class, "reconcile", reconcile);
        return api;
    }

    private static <T> T proxy(Class<T> type, String method, Object value) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (m.getName().equals(method)) {
                return value;
            }
            throw new UnsupportedOperationException(m.getName());
        }));
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
