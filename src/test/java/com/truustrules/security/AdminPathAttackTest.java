package com.truustrules.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import com.truustrules.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 1: the admin API answered without a token to paths the router normalised but the
 * old filter did not recognise. Every /api endpoint and method, under every spelling, over a raw
 * socket (REST Assured would normalise the paths first).
 */
@QuarkusTest
public class AdminPathAttackTest {

    /** Spellings a normaliser would change: all must be refused with 400 before routing. */
    static final Map<String, UnaryOperator<String>> NON_CANONICAL = Map.ofEntries(
            Map.entry("double slash in front", p -> "/" + p),
            Map.entry("double slash inside", p -> p.replaceFirst("/api/", "/api//")),
            Map.entry("encoded letter", p -> p.replaceFirst("/api", "/%61pi")),
            Map.entry("encoded letter, upper-case hex", p -> p.replaceFirst("/api", "/%41pi")),
            Map.entry("dot segment", p -> "/." + p),
            Map.entry("dot segment inside", p -> p.replaceFirst("/api/", "/api/./")),
            Map.entry("dot-dot segment", p -> "/x/.." + p),
            Map.entry("encoded dot segment", p -> "/%2e" + p),
            Map.entry("encoded dot-dot segment", p -> "/x/%2E%2E" + p),
            Map.entry("half-encoded dot-dot", p -> "/x/.%2e" + p),
            Map.entry("matrix parameter", p -> p.replaceFirst("/api", "/api;x")),
            Map.entry("trailing matrix parameter", p -> p + ";jsessionid=1"),
            Map.entry("encoded slash", p -> p.replaceFirst("/api/", "/api%2F")),
            Map.entry("encoded lower-case slash", p -> p.replaceFirst("/api/", "/api%2f")),
            Map.entry("backslash", p -> p.replaceFirst("/api/", "/api\\\\")),
            Map.entry("encoded backslash", p -> p.replaceFirst("/api/", "/api%5C")),
            Map.entry("overlong slash", p -> p.replaceFirst("/api/", "/api%C0%AF")),
            Map.entry("overlong dot-dot", p -> "/x/%C0%AE%C0%AE" + p),
            Map.entry("overlong letter", p -> p.replaceFirst("/api", "/%C1%A1pi")),
            Map.entry("double-encoded slash", p -> p.replaceFirst("/api/", "/api%252F")),
            Map.entry("invalid percent sequence", p -> p.replaceFirst("/api/", "/api/%zz/../")),
            Map.entry("truncated percent sequence", p -> p + "%2"),
            Map.entry("encoded NUL", p -> p + "%00"));

    /** Canonical spellings of other paths: not refused as non-canonical, yet they must never open the API. */
    static final Map<String, UnaryOperator<String>> OTHER_SPELLINGS = Map.of(
            "upper case", p -> p.replaceFirst("/api", "/API"),
            "trailing slash", p -> p + "/",
            "as written", p -> p);

    String eventId;

    /** Every endpoint of the admin API with a body where it takes one. */
    List<String[]> endpoints() {
        return List.of(
                new String[] {"GET", "/api/events", null, null},
                new String[] {"GET", "/api/events/" + eventId, null, null},
                new String[] {"POST", "/api/events/" + eventId + "/replay", null, null},
                new String[] {"GET", "/api/rules", null, null},
                new String[] {"POST", "/api/rules/validate", "application/yaml", "id: x\n"},
                new String[] {"POST", "/api/rules/test", "application/json", "{\"type\":\"order.published\",\"body\":{}}"},
                new String[] {"POST", "/api/rules/reload", null, null},
                new String[] {"GET", "/api/actions", null, null},
                new String[] {"POST", "/api/actions/" + eventId + "/retry", null, null},
                new String[] {"GET", "/api/stats", null, null});
    }

    @BeforeEach
    void storeAnEvent() {
        String order = Long.toString(90_000_000L + System.nanoTime() % 1_000_000L);
        eventId = Calls.truust().body(Payloads.published(order)).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
    }

    @Test
    void theRawClientSeesTheApiWithTheTokenAndARefusalWithout() throws IOException {
        RawHttp.Reply open = RawHttp.send("GET", "/api/events/" + eventId, Map.of("Authorization", "Bearer " + Calls.ADMIN_TOKEN), null);
        assertEquals(200, open.status(), open.body());
        assertTrue(open.body().contains(eventId));
        RawHttp.Reply closed = RawHttp.send("GET", "/api/events/" + eventId, Map.of(), null);
        assertEquals(401, closed.status());
        assertEquals("Bearer", closed.header("WWW-Authenticate"));
        assertTrue(closed.body().contains("\"detail\":\"a valid bearer token is required\""), closed.body());
    }

    @Test
    void noSpellingOfAnyAdminPathAnswersWithoutTheToken() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String[] endpoint : endpoints()) {
            for (var spelling : NON_CANONICAL.entrySet()) {
                RawHttp.Reply reply = call(endpoint, spelling.getValue().apply(endpoint[1]), Map.of());
                if (reply.status() != 400 || !problemOrCodecRefusal(reply)) {
                    failures.add(describe(endpoint, spelling.getKey(), reply));
                }
                checkNoLeak(endpoint, spelling.getKey(), reply, failures);
            }
            for (var spelling : OTHER_SPELLINGS.entrySet()) {
                RawHttp.Reply reply = call(endpoint, spelling.getValue().apply(endpoint[1]), Map.of());
                if (reply.status() < 400) {
                    failures.add(describe(endpoint, spelling.getKey(), reply));
                }
                checkNoLeak(endpoint, spelling.getKey(), reply, failures);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aWrongTokenOrAnotherSchemeOpensNothingEitherUnderAnySpelling() throws IOException {
        List<String> failures = new ArrayList<>();
        for (Map<String, String> credential : List.of(Map.of("Authorization", "Bearer wrong"),
                Map.of("Authorization", "Basic " + Calls.ADMIN_TOKEN), Map.of("Authorization", "Bearer"))) {
            for (String[] endpoint : endpoints()) {
                for (var spelling : OTHER_SPELLINGS.entrySet()) {
                    RawHttp.Reply reply = call(endpoint, spelling.getValue().apply(endpoint[1]), credential);
                    if (reply.status() < 400) {
                        failures.add(describe(endpoint, spelling.getKey() + " " + credential, reply));
                    }
                    checkNoLeak(endpoint, spelling.getKey(), reply, failures);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void nonCanonicalPathsAreRefusedEverywhereNotOnlyUnderApi() throws IOException {
        for (String path : List.of("//q/health", "/q/%68ealth", "/webhooks/truust/./order-published", "/q/metrics;x")) {
            RawHttp.Reply reply = RawHttp.send("GET", path, Map.of(), null);
            assertEquals(400, reply.status(), path + " -> " + reply.body());
            assertTrue(reply.body().contains("\"status\":400"), reply.body());
        }
    }

    /**
     * Our filter answers problem+json; a request line that is not even valid HTTP (a backslash, a
     * broken percent sequence) is already answered 400 with no body by the HTTP codec, before any handler.
     */
    private static boolean problemOrCodecRefusal(RawHttp.Reply reply) {
        return String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json") || reply.body().isEmpty();
    }

    private RawHttp.Reply call(String[] endpoint, String path, Map<String, String> headers) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(headers);
        if (endpoint[2] != null) {
            all.put("Content-Type", endpoint[2]);
        }
        return RawHttp.send(endpoint[0], path, all, endpoint[3] == null && endpoint[0].equals("POST") ? "" : endpoint[3]);
    }

    private void checkNoLeak(String[] endpoint, String spelling, RawHttp.Reply reply, List<String> failures) {
        String body = reply.body();
        assertFalse(reply.status() >= 200 && reply.status() < 300, describe(endpoint, spelling, reply));
        if (body.contains(eventId) || body.contains("\"items\"") || body.contains("whsec_") || body.contains("\"rules\"")) {
            failures.add("leak: " + describe(endpoint, spelling, reply));
        }
    }

    private static String describe(String[] endpoint, String spelling, RawHttp.Reply reply) {
        return endpoint[0] + " " + endpoint[1] + " [" + spelling + "] -> " + reply.status() + " " + reply.body();
    }
}
