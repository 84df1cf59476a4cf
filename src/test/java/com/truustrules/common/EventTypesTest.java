package com.truustrules.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.support.Payloads;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
        "order-published, order.published",
        "EscrowPublished, order.published",
        "order.published, order.published",
        "ORDER_PUBLISHED, order.published",
        "Order Published, order.published",
        "'  order-published  ', order.published",
        "escrow.published, order.published",
        "PayinEPGConfirmed, payin.confirmed",
        "PayinConfirmed, payin.confirmed",
        "payin-confirmed, payin.confirmed",
        "OrderCanceled, order.cancelled",
        "order-cancelled, order.cancelled",
        "PayoutCreated, payout.created",
        "order_released, order.released",
        "DisputeOpened, dispute.opened",
        "HTTPRequestFailed, http.request.failed",
        "order--published.., order.published"})
    void everyNameOfATypeNormalisesToOne(String name, String type) {
        assertEquals(type, EventTypes.normalize(name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\t\n", "---", "...", "!!!", "€€€", "_"})
    void nothingUsableIsUnknown(String name) {
        assertEquals(EventTypes.UNKNOWN, EventTypes.normalize(name));
    }

    @ParameterizedTest
    @CsvSource({"'../../etc/passwd', etc.passwd", "'order<script>', order.script", "'a b\u0000c', a.b.c", "'x%2Fy', x.2.fy"})
    void garbageKeepsOnlyLettersAndDigitsBetweenDots(String name, String type) {
        assertEquals(type, EventTypes.normalize(name));
    }

    @Test
    void aVeryLongNameIsCutToAStorableTypeWithoutADanglingDot() {
        String type = EventTypes.normalize("abc.".repeat(60));
        assertEquals(99, type.length());
        assertTrue(type.matches("[a-z0-9]+(\\.[a-z0-9]+)*"), type);
        assertEquals("abc", EventTypes.normalize("abc" + ".".repeat(500)));
    }

    // A bound against the quadratic backtracking of the camel-case split (uncut, this input takes
    // about ten seconds); the normal cost is microseconds.
    @Test
    void aHugeRunOfCapitalsIsCutRatherThanBacktrackedOver() {
        String type = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> EventTypes.normalize("A".repeat(60_000)));
        assertEquals("a".repeat(100), type);
    }

    @ParameterizedTest
    @CsvSource({
        "PUBLISHED, order.published",
        "FAILURE, order.failed",
        "ACCEPTED, order.accepted",
        "REJECTED, order.rejected",
        "CANCELLED, order.cancelled",
        "RELEASED, order.released",
        "published, order.published",
        "DRAFT, unknown",
        "PENDING_RELEASE, unknown",
        "CANCELED, unknown"})
    void anOrderStatusImpliesAType(String status, String type) {
        assertEquals(type, EventTypes.fromBody(json("{\"escrow\": {\"id\": \"1\", \"status\": \"" + status + "\"}}")));
    }

    @ParameterizedTest
    @CsvSource({
        "'{\"payin\": {\"status\": \"CONFIRMED\"}}', payin.confirmed",
        "'{\"payin\": {\"status\": \"confirmed\"}}', payin.confirmed",
        "'{\"payin\": {\"status\": \"AUTHORIZED\"}}', unknown",
        "'{\"payin\": {\"status\": \"DENIED\"}}', unknown",
        "'{\"payout\": {\"status\": \"CREATED\"}}', payout.created",
        "'{\"payout\": {\"status\": \"CONFIRMED\"}}', unknown",
        "'{\"escrow\": {\"status\": \"DRAFT\"}, \"payin\": {\"status\": \"CONFIRMED\"}}', payin.confirmed",
        "'{\"payin\": {\"status\": \"CONFIRMED\"}, \"payout\": {\"status\": \"CREATED\"}}', payin.confirmed",
        "'{\"escrow\": {\"status\": \"RELEASED\"}, \"payout\": {\"status\": \"CREATED\"}}', order.released"})
    void anOrderStatusWinsOverAPayinStatusWhichWinsOverAPayoutStatus(String body, String type) {
        assertEquals(type, EventTypes.fromBody(json(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"escrow\": \"PUBLISHED\"}", "{\"escrow\": {\"status\": 7}}",
        "{\"escrow\": {\"status\": {\"code\": \"PUBLISHED\"}}}", "{\"escrow\": {\"status\": null}}",
        "{\"escrow\": [{\"status\": \"PUBLISHED\"}]}", "{\"status\": \"PUBLISHED\"}"})
    void aBodyWithoutAKnownStatusIsUnknown(String body) {
        assertEquals(EventTypes.UNKNOWN, EventTypes.fromBody(json(body)));
    }

    @Test
    void theRecordedSamplesAreRecognised() {
        assertEquals("order.published", EventTypes.fromBody(json(Payloads.read("order-published-sample"))));
        assertEquals("order.cancelled", EventTypes.fromBody(json(Payloads.read("order-cancelled-sample"))));
        assertEquals("order.released", EventTypes.fromBody(json(Payloads.read("order-released-sample"))));
    }

    @Test
    void thePathWinsOverTheHeaderWhichWinsOverTheBody() {
        JsonNode cancelled = json(Payloads.read("order-cancelled-sample"));
        assertEquals("payin.confirmed", EventTypes.classify("PayinEPGConfirmed", "OrderReleased", cancelled));
        assertEquals("order.released", EventTypes.classify(null, "OrderReleased", cancelled));
        assertEquals("order.released", EventTypes.classify("  ", "OrderReleased", cancelled));
        assertEquals("order.cancelled", EventTypes.classify(null, null, cancelled));
        assertEquals("order.cancelled", EventTypes.classify("", " ", cancelled));
        assertEquals(EventTypes.UNKNOWN, EventTypes.classify(null, null, json("{}")));
    }

    @Test
    void aNamedButUnknownTypeKeepsItsName() {
        String type = EventTypes.classify("refund-created", null, json(Payloads.read("order-cancelled-sample")));
        assertEquals("refund.created", type);
        assertFalse(EventTypes.KNOWN.contains(type));
    }

    @Test
    void everyKnownTypeIsItsOwnNormalForm() {
        EventTypes.KNOWN.forEach(type -> assertEquals(type, EventTypes.normalize(type)));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
