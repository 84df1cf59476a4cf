package com.truustrules.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWebhooksSignatureTest {

    // The reference example published with the Standard Webhooks specification.
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final String OTHER_SECRET = "whsec_c2VjcmV0LW9mLWFub3RoZXI=";
    private static final Instant NOW = Instant.ofEpochSecond(SPEC_TIMESTAMP);
    private static final String ID = "msg_2Lx1";
    private static final byte[] BODY = "{\"escrow\": {\"id\": \"8810231\"}}".getBytes(StandardCharsets.UTF_8);

    private final StandardWebhooksSignature verifier = new StandardWebhooksSignature(List.of(SPEC_SECRET), Duration.ofMinutes(5));

    @Test
    void signingGivesTheSpecificationsExample() {
        assertEquals(SPEC_SIGNATURE, StandardWebhooksSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
    }

    @Test
    void theSpecificationsExampleVerifies() {
        assertTrue(verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY, NOW));
    }

    @Test
    void whatIsSignedVerifies() {
        assertTrue(verifier.verify(ID, ts(0), sign(SPEC_SECRET, 0), BODY, NOW));
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        String many = "v1,bm90IGl0 " + sign(OTHER_SECRET, 0) + "  " + sign(SPEC_SECRET, 0) + " v1a,xyz";
        assertTrue(verifier.verify(ID, ts(0), many, BODY, NOW));
        assertFalse(verifier.verify(ID, ts(0), "v1,bm90IGl0 " + sign(OTHER_SECRET, 0), BODY, NOW));
    }

    @Test
    void anyOfSeveralSecretsMaySign() {
        StandardWebhooksSignature rotating = new StandardWebhooksSignature(List.of(OTHER_SECRET, " " + SPEC_SECRET + " "),
                Duration.ofMinutes(5));
        assertTrue(rotating.verify(ID, ts(0), sign(SPEC_SECRET, 0), BODY, NOW));
        assertTrue(rotating.verify(ID, ts(0), sign(OTHER_SECRET, 0), BODY, NOW));
        assertFalse(rotating.verify(ID, ts(0), sign("whsec_dGhpcmQ=", 0), BODY, NOW));
    }

    @Test
    void aSecretWithoutThePrefixIsTheSameKey() {
        StandardWebhooksSignature bare = new StandardWebhooksSignature(List.of(SPEC_SECRET.substring(6)), Duration.ofMinutes(5));
        assertTrue(bare.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE, SPEC_BODY, NOW));
    }

    @Test
    void aSignatureByAnotherKeyFails() {
        assertFalse(verifier.verify(ID, ts(0), sign(OTHER_SECRET, 0), BODY, NOW));
    }

    @Test
    void aTamperedBodyIdOrTimestampFails() {
        String signature = sign(SPEC_SECRET, 0);
        byte[] tampered = "{\"escrow\": {\"id\": \"8810232\"}}".getBytes(StandardCharsets.UTF_8);
        assertFalse(verifier.verify(ID, ts(0), signature, tampered, NOW));
        assertFalse(verifier.verify(ID + "x", ts(0), signature, BODY, NOW));
        assertFalse(verifier.verify(ID, ts(1), signature, BODY, NOW));
        // A changed white space is a changed body: signatures cover the exact bytes.
        assertFalse(verifier.verify(ID, ts(0), signature, "{\"escrow\":{\"id\":\"8810231\"}}".getBytes(StandardCharsets.UTF_8), NOW));
    }

    @ParameterizedTest
    @ValueSource(longs = {-300, -299, 0, 299, 300})
    void aTimestampUpToFiveMinutesAwayIsFresh(long offset) {
        assertTrue(verifier.verify(ID, ts(offset), sign(SPEC_SECRET, offset), BODY, NOW));
    }

    @ParameterizedTest
    @ValueSource(longs = {-301, 301, -86_400, 86_400})
    void aTimestampFurtherAwayIsRefusedEvenWhenSigned(long offset) {
        assertFalse(verifier.verify(ID, ts(offset), sign(SPEC_SECRET, offset), BODY, NOW));
    }

    @Test
    void aTimestampThatWouldOverflowTheAgeIsRefused() {
        // now - t overflows to Long.MIN_VALUE, whose absolute value is negative: it must not count as fresh.
        long wrapping = NOW.getEpochSecond() + Long.MIN_VALUE;
        String signature = StandardWebhooksSignature.sign(SPEC_SECRET, ID, wrapping, BODY);
        assertFalse(verifier.verify(ID, Long.toString(wrapping), signature, BODY, NOW));
        long max = Long.MAX_VALUE;
        assertFalse(verifier.verify(ID, Long.toString(max), StandardWebhooksSignature.sign(SPEC_SECRET, ID, max, BODY), BODY, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "abc", "1614265330.0", "1.6e9", "0x60", "99999999999999999999"})
    void aTimestampThatIsNotWholeSecondsFails(String timestamp) {
        assertFalse(verifier.verify(ID, timestamp, sign(SPEC_SECRET, 0), BODY, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1,", "v1,!!!not-base64!!!", "v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE=", "v1", "", "   "})
    void aSignatureThatIsNotBase64OrEmptyFails(String signature) {
        assertFalse(verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), signature, SPEC_BODY, NOW));
    }

    @Test
    void onlyV1SignaturesCount() {
        String mac = SPEC_SIGNATURE.substring(3);
        assertFalse(verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), "v2," + mac, SPEC_BODY, NOW));
        assertFalse(verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), "v1a," + mac, SPEC_BODY, NOW));
        assertFalse(verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), mac, SPEC_BODY, NOW));
        assertTrue(verifier.verify(SPEC_ID, Long.toString(SPEC_TIMESTAMP), "v2," + mac + " " + SPEC_SIGNATURE, SPEC_BODY, NOW));
    }

    @Test
    void aMissingHeaderFails() {
        String ts = Long.toString(SPEC_TIMESTAMP);
        assertFalse(verifier.verify(null, ts, SPEC_SIGNATURE, SPEC_BODY, NOW));
        assertFalse(verifier.verify(SPEC_ID, null, SPEC_SIGNATURE, SPEC_BODY, NOW));
        assertFalse(verifier.verify(SPEC_ID, ts, null, SPEC_BODY, NOW));
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedAtConstruction() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StandardWebhooksSignature(List.of("whsec_not base64!"), Duration.ofMinutes(5)));
        assertEquals("a Standard Webhooks secret must be whsec_ followed by base64", e.getMessage());
    }

    private static String ts(long offset) {
        return Long.toString(NOW.getEpochSecond() + offset);
    }

    private static String sign(String secret, long offset) {
        return StandardWebhooksSignature.sign(secret, ID, NOW.getEpochSecond() + offset, BODY);
    }
}
