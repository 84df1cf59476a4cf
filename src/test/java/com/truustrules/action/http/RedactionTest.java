package com.truustrules.action.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What another system answers is stored short and without the credentials it may hold. */
class RedactionTest {

    @Test
    void credentialsInJsonFormsAndHeadersAreRedacted() {
        assertEquals("{\"access_token\": \"[redacted]\", \"refresh_token\":\"[redacted]\", \"ok\": true}",
                Redaction.text("{\"access_token\": \"eyJabc.def\\\"x\", \"refresh_token\":\"r-1\", \"ok\": true}"));
        assertEquals("user=ana&password=[redacted]&api_key=[redacted]", Redaction.text("user=ana&password=hunter2&api_key=k-9"));
        assertEquals("Authorization: [redacted]", Redaction.text("Authorization: Bearer abc.def-ghi"));
        assertEquals("sent with Bearer [redacted] and Basic [redacted]", Redaction.text("sent with Bearer abc.def-ghi and Basic YW5hOnB3"));
        assertEquals("use whsec_[redacted] and [redacted] now",
                Redaction.text("use whsec_c2VjcmV0LXNlY3JldA== and eyJhbGciOi.eyJzdWIiOi.c2ln now"));
        assertEquals("{\"order\": \"7\", \"status\": \"confirmed\"}", Redaction.text("{\"order\": \"7\", \"status\": \"confirmed\"}"));
    }

    @Test
    void anExcerptIsCutOnACharacterBoundary() {
        byte[] answer = ("é".repeat(300)).getBytes(StandardCharsets.UTF_8);
        String kept = Redaction.excerpt(answer, 511);
        assertEquals("é".repeat(255), kept);
        assertEquals("short", Redaction.excerpt("short".getBytes(StandardCharsets.UTF_8), 512));
    }
}
