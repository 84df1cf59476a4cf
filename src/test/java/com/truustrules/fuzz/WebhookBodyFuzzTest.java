package com.truustrules.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.common.EventTypes;
import com.truustrules.common.ProblemException;
import com.truustrules.webhook.WebhookBody;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The body parser and the event type classifier against arbitrary input: a body is an object or
 * a 400, kept as sent, with a canonical form that is stable; a type is always a dotted name.
 */
@AddLifecycleHook(FuzzBudget.class)
class WebhookBodyFuzzTest {

    /** What every type name looks like, "unknown" included: dotted lower-case words. */
    private static final Pattern TYPE = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+)*");
    private static final int MAX_TYPE_LENGTH = 100;

    @Property(tries = 700)
    void aBodyIsAnObjectKeptAsSentOrA400(@ForAll("bodies") byte[] raw) {
        WebhookBody body;
        try {
            body = WebhookBody.parse(raw);
        } catch (ProblemException refused) {
            assertEquals(Response.Status.BAD_REQUEST, refused.status());
            assertFalse(refused.getMessage().isBlank());
            return;
        }
        assertTrue(body.json().isObject());
        assertArrayEquals(withoutBom(raw), body.text().getBytes(StandardCharsets.UTF_8), "the stored text must be the bytes sent");
    }

    @Property(tries = 300)
    void theCanonicalFormIsUtf8AndStable(@ForAll("objects") byte[] raw) {
        String canonical;
        try {
            canonical = WebhookBody.parse(raw).canonical();
        } catch (ProblemException refused) {
            return; // over the parser's limits: the first property covers refusals
        }
        assertTrue(StandardCharsets.UTF_8.newEncoder().canEncode(canonical), "the canonical form must survive UTF-8: " + canonical);
        assertEquals(canonical, WebhookBody.parse(canonical.getBytes(StandardCharsets.UTF_8)).canonical());
    }

    @Property(tries = 1000)
    void aTypeNameIsAlwaysADottedNameOfBoundedLength(@ForAll("typeNames") String name) {
        String type = EventTypes.normalize(name);
        assertType(type);
        assertEquals(type, EventTypes.normalize(type), "normalising a normalised name must not change it");
    }

    @Property(tries = 300)
    void classifyingAnyCallGivesADottedName(@ForAll("typeNames") String path, @ForAll("typeNames") String header,
            @ForAll("typeBodies") byte[] raw) {
        WebhookBody body;
        try {
            body = WebhookBody.parse(raw);
        } catch (ProblemException refused) {
            return;
        }
        assertType(EventTypes.classify(path, header, body.json()));
        assertType(EventTypes.classify(null, null, body.json()));
        assertType(EventTypes.classify(" ", header, body.json()));
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return JsonArbitraries.bodies();
    }

    @Provide
    Arbitrary<byte[]> objects() {
        return Arbitraries.oneOf(JsonArbitraries.object(), JsonArbitraries.deep().map(v -> "{\"a\":" + v + "}"))
                .map(JsonArbitraries::utf8);
    }

    @Provide
    Arbitrary<String> typeNames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(600),
                Arbitraries.strings().withChars("AEOPZaeopz09._- /\tİıKſ").ofMaxLength(700),
                Arbitraries.of(EventTypes.KNOWN).map(known -> known.toUpperCase().replace('.', '_')),
                Arbitraries.of("EscrowPublished", "payin.epg.confirmed", "ORDER-CANCELED", "...", "", " ", "ÀÉÎ", "X".repeat(5000)),
                Arbitraries.just(null));
    }

    /** Bodies whose escrow, payin and payout statuses are any JSON value. */
    @Provide
    Arbitrary<byte[]> typeBodies() {
        Arbitrary<String> status = Arbitraries.oneOf(JsonArbitraries.value(),
                Arbitraries.of("PUBLISHED", "failure", "Released", "CONFIRMED", "created", "İ", "").map(s -> "\"" + s + "\""));
        return Combinators.combine(status, status, status).as((escrow, payin, payout) -> "{\"escrow\":{\"status\":" + escrow
                + "},\"payin\":{\"status\":" + payin + "},\"payout\":" + payout + "}").map(JsonArbitraries::utf8);
    }

    private static void assertType(String type) {
        assertTrue(TYPE.matcher(type).matches(), "not a dotted name: '" + type + "'");
        assertTrue(type.length() <= MAX_TYPE_LENGTH, "too long: " + type.length());
    }

    private static byte[] withoutBom(byte[] raw) {
        boolean bom = raw.length >= 3 && Arrays.equals(Arrays.copyOf(raw, 3), JsonArbitraries.BOM);
        return bom ? Arrays.copyOfRange(raw, 3, raw.length) : raw;
    }
}
