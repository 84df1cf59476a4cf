package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.truustrules.common.ProblemException;
import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.webhook.WebhookBody;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook defects the fuzz properties found, one plain test each, named after the defect. */
class WebhookFindingsTest {

    @Test
    void invalidUtf8InABodyWasStoredAsReplacementCharacters() {
        byte[] body = JsonArbitraries.concat(JsonArbitraries.utf8("{\"a\":\"x"), JsonArbitraries.bytes(0xFF),
                JsonArbitraries.utf8("y\"}"));
        ProblemException refused = assertThrows(ProblemException.class, () -> WebhookBody.parse(body));
        assertEquals(Response.Status.BAD_REQUEST, refused.status());
        assertEquals("the body is not valid UTF-8 (byte 8)", refused.getMessage());
    }

    @Test
    void invalidUtf8AfterAByteOrderMarkIsCountedFromTheFirstByteSent() {
        byte[] body = JsonArbitraries.concat(JsonArbitraries.BOM, JsonArbitraries.utf8("{}"), JsonArbitraries.bytes(0xC3));
        assertEquals("the body is not valid UTF-8 (byte 6)",
                assertThrows(ProblemException.class, () -> WebhookBody.parse(body)).getMessage());
    }

    @Test
    void loneSurrogateEscapesGaveTwoBodiesOneCanonicalForm() {
        String high = WebhookBody.parse(JsonArbitraries.utf8("{\"a\": \"\\uD800\"}")).canonical();
        String otherHigh = WebhookBody.parse(JsonArbitraries.utf8("{\"a\": \"\\uDBFF\"}")).canonical();
        assertEquals("{\"a\":\"\\uD800\"}", high);
        assertNotEquals(new String(high.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                new String(otherHigh.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals(high, WebhookBody.parse(high.getBytes(StandardCharsets.UTF_8)).canonical());
    }

    @Test
    void aPairedSurrogateEscapeStaysOneCharacterInTheCanonicalForm() {
        assertEquals("{\"a\":\"😀\"}", WebhookBody.parse(JsonArbitraries.utf8("{\"a\": \"\\uD83D\\uDE00\"}")).canonical());
    }

    @Test
    void anEmptyWhsecSecretBrokeEveryCallInsteadOfTheStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new StandardWebhooksSignature(List.of("whsec_"), Duration.ofMinutes(5)));
        assertEquals("a Standard Webhooks secret must not be empty: whsec_ followed by base64", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StandardWebhooksSignature.sign("whsec_", "msg_1", 1, new byte[0]));
    }
}
