package com.truustrules.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.common.ProblemException;
import com.truustrules.support.Payloads;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookBodyTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void anObjectIsKeptAsReceived() {
        String text = Payloads.read("order-published-sample");
        WebhookBody body = WebhookBody.parse(utf8(text));
        assertEquals(text, body.text());
        assertEquals("8810231", body.json().path("escrow").path("id").asText());
        assertEquals("Ana García", body.json().path("escrow").path("metadata").path("buyer_name").asText());
    }

    @Test
    void aByteOrderMarkIsDropped() {
        WebhookBody body = WebhookBody.parse(concat(BOM, utf8("{\"a\": 1}")));
        assertEquals("{\"a\": 1}", body.text());
        assertEquals(1, body.json().path("a").asInt());
    }

    @Test
    void idsAndAmountsStayAsSentWhetherStringsOrNumbers() {
        WebhookBody body = WebhookBody.parse(utf8("{\"id\": 8810231, \"ref\": \"8810231\", \"amount\": 149.90, \"value\": \"149.90\","
                + " \"big\": 12345678901234567890123}"));
        assertTrue(body.json().path("id").isIntegralNumber());
        assertTrue(body.json().path("ref").isTextual());
        // Decimals are read exactly: no binary floating point between Truust's amount and a rule.
        assertEquals("149.90", body.json().path("amount").decimalValue().toPlainString());
        assertEquals("12345678901234567890123", body.json().path("big").bigIntegerValue().toString());
        assertTrue(body.canonical().contains("\"amount\":149.90"), body.canonical());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t  \r\n"})
    void anEmptyBodyIsRefused(String text) {
        assertBadRequest(utf8(text), "the body is empty; a JSON object is expected");
    }

    @Test
    void aBodyOfOnlyAByteOrderMarkIsEmpty() {
        assertBadRequest(BOM, "the body is empty; a JSON object is expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"escrow\": ", "{'a': 1}", "{a: 1}", "{\"a\": 1,}", "{} {}", "{} x", "{\"a\": NaN}",
        "{\"a\": 1} // note", "<xml/>"})
    void textThatIsNotOneJsonValueIsRefused(String text) {
        ProblemException e = assertThrows(ProblemException.class, () -> WebhookBody.parse(utf8(text)));
        assertEquals(Response.Status.BAD_REQUEST, e.status());
        assertTrue(e.getMessage().startsWith("the body is not valid JSON: "), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"[{\"escrow\": {}}]|array", "\"text\"|string", "42|number", "true|boolean", "null|null"})
    void aJsonValueThatIsNotAnObjectIsRefused(String text, String kind) {
        assertBadRequest(utf8(text), "the body must be a JSON object, not " + kind);
    }

    @Test
    void theRefusalNamesTheKindInEnglishWhateverTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        try {
            assertBadRequest(utf8("\"text\""), "the body must be a JSON object, not string");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void aDeeplyNestedBodyIsRefusedNotOverflowed() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        ProblemException e = assertThrows(ProblemException.class, () -> WebhookBody.parse(utf8(deep)));
        assertEquals(Response.Status.BAD_REQUEST, e.status());
    }

    @Test
    void theCanonicalFormIgnoresInsignificantWhiteSpace() {
        String text = Payloads.read("order-published-sample");
        String squeezed = WebhookBody.parse(utf8(text)).canonical();
        assertEquals(squeezed, WebhookBody.parse(utf8(text.replace("\n", "\r\n    "))).canonical());
        assertEquals(squeezed, WebhookBody.parse(concat(BOM, utf8(text))).canonical());
        assertTrue(!squeezed.contains("\n") && !squeezed.contains(": "), squeezed);
    }

    @Test
    void theCanonicalFormKeepsEverySignificantDifference() {
        String canonical = WebhookBody.parse(utf8("{\"id\": \"1\", \"note\": \"a b\"}")).canonical();
        assertEquals("{\"id\":\"1\",\"note\":\"a b\"}", canonical);
        assertNotEquals(canonical, WebhookBody.parse(utf8("{\"id\": 1, \"note\": \"a b\"}")).canonical());
        assertNotEquals(canonical, WebhookBody.parse(utf8("{\"id\": \"1\", \"note\": \"a  b\"}")).canonical());
    }

    private static void assertBadRequest(byte[] raw, String detail) {
        ProblemException e = assertThrows(ProblemException.class, () -> WebhookBody.parse(raw));
        assertEquals(Response.Status.BAD_REQUEST, e.status());
        assertEquals(detail, e.getMessage());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
