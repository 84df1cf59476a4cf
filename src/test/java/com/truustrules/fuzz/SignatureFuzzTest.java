package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.common.StandardWebhooksSignature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The Standard Webhooks verifier: arbitrary headers, bodies and secrets never make it throw; a
 * signature from {@code sign} verifies inside the tolerance and fails outside it or after any
 * one-byte change of body, id or timestamp.
 */
@AddLifecycleHook(FuzzBudget.class)
class SignatureFuzzTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    /** Far enough from Instant's limits that now ± tolerance ± a day is still an Instant. */
    private static final long MAX_EPOCH = 100_000_000_000L;

    @Property(tries = 1000)
    void anySecretIsRefusedAtConfigurationOrNeverBreaksVerification(@ForAll("secretTexts") String secret,
            @ForAll("ids") String id, @ForAll("timestamps") String timestamp, @ForAll("signatureHeaders") String signatures,
            @ForAll byte[] body, @ForAll @LongRange(min = -MAX_EPOCH, max = MAX_EPOCH) long now) {
        StandardWebhooksSignature verifier;
        try {
            verifier = new StandardWebhooksSignature(List.of(secret), TOLERANCE);
        } catch (IllegalArgumentException refusedAtStart) {
            return;
        }
        verifier.verify(id, timestamp, signatures, body, Instant.ofEpochSecond(now));
    }

    @Property(tries = 1000)
    void arbitraryHeadersNeverThrowAndNeverVerify(@ForAll("secrets") String secret, @ForAll("ids") String id,
            @ForAll("timestamps") String timestamp, @ForAll("signatureHeaders") String signatures, @ForAll byte[] body,
            @ForAll @LongRange(min = -MAX_EPOCH, max = MAX_EPOCH) long now) {
        StandardWebhooksSignature verifier = new StandardWebhooksSignature(List.of(secret), TOLERANCE);
        assertFalse(verifier.verify(id, timestamp, signatures, body, Instant.ofEpochSecond(now)));
    }

    @Property(tries = 1000)
    void aSignatureVerifiesWithinTheToleranceAndNotOutside(@ForAll("secrets") String secret, @ForAll("secrets") String other,
            @ForAll("ids") String id, @ForAll @LongRange(min = -MAX_EPOCH, max = MAX_EPOCH) long timestamp, @ForAll byte[] body,
            @ForAll @LongRange(min = -86_400, max = 86_400) long skew) {
        String header = "v1,bm90IGl0 " + StandardWebhooksSignature.sign(secret, nonNull(id), timestamp, body) + " v2,x";
        boolean fresh = Math.abs(skew) <= TOLERANCE.toSeconds();
        StandardWebhooksSignature rotated = new StandardWebhooksSignature(List.of(other, secret), TOLERANCE);
        Instant now = Instant.ofEpochSecond(timestamp + skew);
        assertTrue(rotated.verify(nonNull(id), Long.toString(timestamp), header, body, now) == fresh, "skew " + skew);
    }

    @Property(tries = 1000)
    void anyOneByteChangeOfBodyIdOrTimestampFails(@ForAll("secrets") String secret, @ForAll("asciiIds") String id,
            @ForAll @LongRange(min = -MAX_EPOCH, max = MAX_EPOCH) long timestamp, @ForAll @Size(min = 1) byte[] body,
            @ForAll @IntRange(min = 0, max = 2) int field, @ForAll int position, @ForAll byte replacement) {
        String header = StandardWebhooksSignature.sign(secret, id, timestamp, body);
        StandardWebhooksSignature verifier = new StandardWebhooksSignature(List.of(secret), TOLERANCE);
        Instant now = Instant.ofEpochSecond(timestamp);
        String ts = Long.toString(timestamp);
        boolean verified = switch (field) {
            case 0 -> verifier.verify(id, ts, header, changed(body, position, replacement), now);
            case 1 -> verifier.verify(changed(id, position, replacement), ts, header, body, now);
            default -> verifier.verify(id, changed(ts, position, replacement), header, body, now);
        };
        assertFalse(verified, "a changed field still verified");
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)
                .map(key -> "whsec_" + Base64.getEncoder().encodeToString(key));
    }

    /** Configured secrets as people type them: good, empty, padded, unprefixed, not base64. */
    @Provide
    Arbitrary<String> secretTexts() {
        return Arbitraries.oneOf(secrets(), secrets().map(s -> s.substring(6)), secrets().map(s -> "  " + s + "\n"),
                Arbitraries.of("whsec_", "", " ", "whsec_=", "whsec_====", "whsec_AA", "whsec_A", "whsec_not base64!",
                        "whsec_whsec_AAAA", "WHSEC_AAAA", "whsec_" + "A".repeat(10_000)),
                Arbitraries.strings().all().ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(asciiIds(), Arbitraries.strings().all().ofMaxLength(200), Arbitraries.just(null),
                Arbitraries.of("", " ", "msg_1.2", "\u0000", "😀"));
    }

    @Provide
    Arbitrary<String> asciiIds() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> timestamps() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf), Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("", " 1700000000 ", "+1700000000", "1700000000.5", "1e9", "0x10", "１７００００００００",
                        "9223372036854775807", "-9223372036854775808", "99999999999999999999", "-"),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<String> signatureHeaders() {
        Arbitrary<String> one = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> "v1," + Base64.getEncoder().encodeToString(b)),
                Arbitraries.strings().all().ofMaxLength(60).map(s -> "v1," + s),
                Arbitraries.of("v1,", "v1", "v2,AAAA", "v1,====", "v1,A", ",", "v1,,"),
                Arbitraries.strings().all().ofMaxLength(60));
        return Arbitraries.oneOf(one.list().ofMaxSize(4).map(list -> String.join(" ", list)), Arbitraries.just(null),
                one.list().ofMaxSize(3).map(list -> String.join("  \t", list)));
    }

    private static byte[] changed(byte[] bytes, int position, byte replacement) {
        byte[] copy = bytes.clone();
        int at = Math.floorMod(position, copy.length);
        copy[at] = (byte) (copy[at] == replacement ? replacement + 1 : replacement);
        return copy;
    }

    /** One character replaced by another printable ASCII one: a one-byte change of an ASCII header. */
    private static String changed(String text, int position, byte replacement) {
        int at = Math.floorMod(position, text.length());
        char c = (char) (' ' + Math.floorMod(replacement, 95));
        char different = c == text.charAt(at) ? (char) (' ' + (c - ' ' + 1) % 95) : c;
        return text.substring(0, at) + different + text.substring(at + 1);
    }

    private static String nonNull(String id) {
        return id == null ? "" : id;
    }
}
