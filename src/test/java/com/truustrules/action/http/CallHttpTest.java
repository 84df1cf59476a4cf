package com.truustrules.action.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome.Status;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.http.TestServer.Answer;
import com.truustrules.action.http.TestServer.Received;
import com.truustrules.common.Hashing;
import com.truustrules.common.StandardWebhooksSignature;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The http runner called directly, against a real server on a loopback port. */
@QuarkusTest
class CallHttpTest {

    static final String SECRET = "whsec_c2VjcmV0LWZvci10aGUtaHR0cC1hY3Rpb24tdGVzdA==";
    static final String OTHER_SECRET = "whsec_YW5vdGhlci1zZWNyZXQtb2YtYW5vdGhlci1yZWNlaXZlcg==";
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final TestServer SERVER = TestServer.start();

    @Inject
    CallHttp callHttp;

    @Inject
    ObjectMapper json;

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    static Map<String, Object> facts() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "0190a0b0-0000-7000-8000-000000000001");
        event.put("type", "order.published");
        event.put("receivedAt", NOW);
        Map<String, Object> escrow = new LinkedHashMap<>();
        escrow.put("id", "8810231");
        escrow.put("name", "Camera \"OM-1\" <used>");
        escrow.put("amount", new BigDecimal("149.9"));
        Map<String, Object> facts = new HashMap<>();
        facts.put("event", event);
        facts.put("escrow", escrow);
        facts.put("payload", Map.of("escrow", escrow));
        facts.put("promo", Map.of("code", "BF26-1"));
        return facts;
    }

    static ActionContext context(UUID jobId, Map<String, Object> spec) {
        return new ActionContext(jobId, "call-hook|event:0190a0b0|0", "call-hook", UUID.randomUUID(), 1, spec, facts(), NOW);
    }

    static ActionContext context(Map<String, Object> spec) {
        return context(UUID.randomUUID(), spec);
    }

    /** A path of its own for each test, so scripts and recordings never mix. */
    static String path(String name) {
        return "/" + name + "/" + UUID.randomUUID();
    }

    ActionOutcome call(String path, Map<String, Object> extra) throws Exception {
        Map<String, Object> spec = new LinkedHashMap<>(extra);
        spec.put("url", SERVER.url(path));
        return callHttp.run(context(spec));
    }

    @Test
    void postsTheEventAndItsPayloadByDefault() throws Exception {
        String path = path("default");
        ActionOutcome outcome = call(path, Map.of());
        assertEquals(Status.DONE, outcome.status());
        assertEquals(Map.of("status", 200, "body", "ok"), outcome.result());
        Received request = SERVER.received(path).get(0);
        assertEquals("POST", request.method());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("call-hook|event:0190a0b0|0", request.header("Idempotency-Key"));
        assertNull(request.header("webhook-signature"));
        JsonNode body = json.readTree(request.bytes());
        assertEquals(json.readTree("{\"event\": {\"id\": \"0190a0b0-0000-7000-8000-000000000001\", \"type\": \"order.published\", "
                + "\"receivedAt\": \"2026-11-27T10:00:00Z\"}, \"payload\": {\"escrow\": {\"id\": \"8810231\", "
                + "\"name\": \"Camera \\\"OM-1\\\" <used>\", \"amount\": 149.9}}}"), body);
    }

    @Test
    void rendersTheUrlHeadersAndBodyTemplates() throws Exception {
        String base = path("orders");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("url", SERVER.url(base) + "/{escrow.id}");
        spec.put("method", "put");
        spec.put("headers", Map.of("X-Order", "{escrow.id}", "Content-Type", "text/plain"));
        spec.put("body", "order {escrow.id} got {promo.code}");
        assertEquals(Status.DONE, callHttp.run(context(spec)).status());
        Received request = SERVER.received(base + "/8810231").get(0);
        assertEquals("PUT", request.method());
        assertEquals("8810231", request.header("X-Order"));
        assertEquals("text/plain", request.header("Content-Type"));
        assertEquals("order 8810231 got BF26-1", request.body());
    }

    @Test
    void aMappingBodyIsSentAsJsonWithItsTextsRenderedAndEscaped() throws Exception {
        String path = path("mapping");
        Map<String, Object> body = Map.of("order", "{escrow.id}", "name", "{escrow.name}", "tags", List.of("{promo.code}", 7));
        assertEquals(Status.DONE, call(path, Map.of("body", body)).status());
        assertEquals(json.readTree("{\"order\": \"8810231\", \"name\": \"Camera \\\"OM-1\\\" <used>\", \"tags\": [\"BF26-1\", 7]}"),
                json.readTree(SERVER.received(path).get(0).bytes()));
    }

    @Test
    void aGetCarriesNoBody() throws Exception {
        String path = path("get");
        assertEquals(Status.DONE, call(path, Map.of("method", "GET")).status());
        assertEquals("GET", SERVER.received(path).get(0).method());
        assertEquals(0, SERVER.received(path).get(0).bytes().length);
    }

    @Test
    void withASecretTheRequestCarriesAStandardWebhooksSignatureThatVerifies() throws Exception {
        String path = path("signed");
        UUID job = UUID.randomUUID();
        Map<String, Object> spec = Map.of("url", SERVER.url(path), "secret", SECRET);
        callHttp.run(context(job, spec));
        callHttp.run(context(job, spec));
        Received first = SERVER.received(path).get(0);
        assertEquals("msg_" + job, first.header("webhook-id"));
        assertEquals(Long.toString(NOW.getEpochSecond()), first.header("webhook-timestamp"));
        StandardWebhooksSignature verifier = new StandardWebhooksSignature(List.of(SECRET), Duration.ofMinutes(5));
        assertTrue(verifier.verify(first.header("webhook-id"), first.header("webhook-timestamp"),
                first.header("webhook-signature"), first.bytes(), NOW));
        StandardWebhooksSignature other = new StandardWebhooksSignature(List.of(OTHER_SECRET), Duration.ofMinutes(5));
        assertFalse(other.verify(first.header("webhook-id"), first.header("webhook-timestamp"),
                first.header("webhook-signature"), first.bytes(), NOW));
        assertEquals(first.header("webhook-id"), SERVER.received(path).get(1).header("webhook-id"));
    }

    @Test
    void clientErrorsAreFinalExcept408And429() throws Exception {
        String bad = path("bad");
        SERVER.script(bad, Answer.of(400, "unknown\norder"));
        ActionOutcome outcome = call(bad, Map.of());
        assertEquals(Status.FAILED, outcome.status());
        assertEquals("POST " + SERVER.url(bad) + " answered 400: unknown order", outcome.error());
        for (int status : new int[] {401, 404, 410, 422}) {
            String path = path("final");
            SERVER.script(path, Answer.of(status, ""));
            assertEquals(Status.FAILED, call(path, Map.of()).status(), "status " + status);
        }
        for (int status : new int[] {408, 429, 500, 502, 503, 304}) {
            String path = path("again");
            SERVER.script(path, Answer.of(status, ""));
            ActionOutcome again = call(path, Map.of());
            assertEquals(Status.RETRY, again.status(), "status " + status);
            assertNull(again.retryAfter());
        }
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDateIsPassedOn() throws Exception {
        String seconds = path("seconds");
        SERVER.script(seconds, Answer.of(429, "slow down").with("Retry-After", "7"));
        ActionOutcome outcome = call(seconds, Map.of());
        assertEquals(Status.RETRY, outcome.status());
        assertEquals(Duration.ofSeconds(7), outcome.retryAfter());
        assertEquals("POST " + SERVER.url(seconds) + " answered 429: slow down", outcome.error());

        String date = path("date");
        String in90s = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atZone(ZoneOffset.UTC));
        SERVER.script(date, Answer.of(503, "").with("Retry-After", in90s));
        assertEquals(Duration.ofSeconds(90), call(date, Map.of()).retryAfter());
    }

    @Test
    void aRetryAfterLongerThanTheLongestBackoffIsCut() throws Exception {
        String path = path("year");
        SERVER.script(path, Answer.of(503, "").with("Retry-After", "31536000"));
        assertEquals(Duration.ofHours(6), call(path, Map.of()).retryAfter());
    }

    @Test
    void aSlowServerIsRetriedAfterTheTimeout() throws Exception {
        String path = path("slow");
        SERVER.script(path, Answer.of(200, "late").after(3000));
        long started = System.nanoTime();
        ActionOutcome outcome = call(path, Map.of("timeout", "PT0.3S"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(Status.RETRY, outcome.status());
        assertEquals("POST " + SERVER.url(path) + " failed: no answer within the timeout", outcome.error());
        assertTrue(tookMillis < 2500, "gave up after " + tookMillis + " ms");
    }

    @Test
    void aTimeoutLongerThanHalfTheLeaseIsCut() {
        assertEquals(Duration.ofMinutes(1), OutgoingCall.timeout("PT5M", Duration.ofMinutes(1)));
        assertEquals(Duration.ofSeconds(10), OutgoingCall.timeout(null, Duration.ofMinutes(1)));
        assertEquals(Duration.ofMillis(300), OutgoingCall.timeout("PT0.3S", Duration.ofMinutes(1)));
    }

    @Test
    void noConnectionIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ActionOutcome outcome = callHttp.run(context(Map.of("url", "http://127.0.0.1:" + closedPort + "/hook")));
        assertEquals(Status.RETRY, outcome.status());
        assertTrue(outcome.error().startsWith("POST http://127.0.0.1:" + closedPort + "/hook failed: "), outcome.error());
    }

    @Test
    void redirectsAreFollowedWithinTheSchemeWithTheSameRequest() throws Exception {
        String from = path("moved");
        String to = path("here");
        SERVER.script(from, Answer.of(308, "").with("Location", to));
        ActionOutcome outcome = call(from, Map.of("body", "{\"code\": \"{promo.code}\"}", "secret", SECRET));
        assertEquals(Status.DONE, outcome.status());
        Received moved = SERVER.received(to).get(0);
        assertEquals("POST", moved.method());
        assertEquals("{\"code\": \"BF26-1\"}", moved.body());
        assertEquals(SERVER.received(from).get(0).header("webhook-signature"), moved.header("webhook-signature"));
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() throws Exception {
        String from = path("upgrade");
        SERVER.script(from, Answer.of(301, "").with("Location", "https://127.0.0.1:1/elsewhere"));
        ActionOutcome outcome = call(from, Map.of());
        assertEquals(Status.FAILED, outcome.status());
        assertEquals("POST " + SERVER.url(from) + " redirects to another origin (https://127.0.0.1:1), refused: "
                + "the rule's credentials go to its own origin only", outcome.error());
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedAndTheCredentialsNeverGoThere() throws Exception {
        try (TestServer other = TestServer.start()) {
            String from = path("away");
            SERVER.script(from, Answer.of(302, "").with("Location", other.url("/collect")));
            ActionOutcome outcome = call(from, Map.of("secret", SECRET, "headers", Map.of("Authorization", "Bearer rule-token")));
            assertEquals(Status.FAILED, outcome.status());
            assertTrue(outcome.error().contains("redirects to another origin (http://127.0.0.1:"), outcome.error());
            assertEquals(List.of(), other.received("/collect"));
            assertEquals("Bearer rule-token", SERVER.received(from).get(0).header("Authorization"));
        }
    }

    @Test
    void onlyTheFirst512BytesOfTheAnswerAreKept() throws Exception {
        String path = path("big");
        SERVER.script(path, Answer.of(200, "x".repeat(100_000)));
        assertEquals("x".repeat(512), call(path, Map.of()).result().get("body"));
    }

    @Test
    void credentialsInTheAnswerAreRedactedBeforeTheyAreKept() throws Exception {
        String path = path("token");
        SERVER.script(path, Answer.of(200, "{\"access_token\": \"tok-8f3a\", \"secret\": \"whsec_abc\", \"status\": \"ok\"}"),
                Answer.of(500, "Authorization: Bearer tok-8f3a failed"));
        assertEquals("{\"access_token\": \"[redacted]\", \"secret\": \"[redacted]\", \"status\": \"ok\"}",
                call(path, Map.of()).result().get("body"));
        ActionOutcome failed = call(path, Map.of());
        assertFalse(failed.error().contains("tok-8f3a"), failed.error());
    }

    static ActionContext context(Map<String, Object> spec, String escrowId, String escrowName) {
        Map<String, Object> facts = facts();
        Map<String, Object> escrow = new LinkedHashMap<>(castMap(facts.get("escrow")));
        escrow.put("id", escrowId);
        escrow.put("name", escrowName);
        facts.put("escrow", escrow);
        return new ActionContext(UUID.randomUUID(), "call-hook|event:0190a0b0|0", "call-hook", UUID.randomUUID(), 1, spec, facts, NOW);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }

    @Test
    void urlValuesArePercentEncodedAndCannotChangeThePath() throws Exception {
        String base = path("escrows");
        Map<String, Object> spec = Map.of("url", SERVER.url(base) + "/{escrow.id}/confirm?name={escrow.name}");
        ActionOutcome outcome = callHttp.run(context(spec, "A-3/../../../internal/delete?all=1#", "a&admin=true"));
        assertEquals(Status.DONE, outcome.status(), outcome::error);
        Received request = SERVER.received(base + "/A-3%2F..%2F..%2F..%2Finternal%2Fdelete%3Fall%3D1%23/confirm").get(0);
        assertEquals(List.of(), SERVER.received("/internal/delete"));
        assertEquals("POST", request.method());
    }

    @Test
    void aDotSegmentValueInTheUrlFailsTheJob() throws Exception {
        String base = path("dots");
        ActionOutcome outcome = callHttp.run(context(Map.of("url", SERVER.url(base) + "/{escrow.id}/refund"), "..", "x"));
        assertEquals(Status.FAILED, outcome.status());
        assertEquals("http action cannot be sent: url path has a '..' segment after rendering: " + base + "/../refund", outcome.error());
    }

    @Test
    void valuesInAJsonTextBodyAreEscapedAndCannotAddKeys() throws Exception {
        String path = path("json-text");
        Map<String, Object> spec = Map.of("url", SERVER.url(path), "body", "{\"name\": \"{escrow.name}\", \"refund\": \"0\"}");
        String name = "x\",\"admin\":true,\"refund\":\"999";
        assertEquals(Status.DONE, callHttp.run(context(spec, "1", name)).status());
        JsonNode sent = json.readTree(SERVER.received(path).get(0).bytes());
        assertEquals(List.of("name", "refund"), iterable(sent.fieldNames()));
        assertEquals(name, sent.get("name").asText());
        assertEquals("0", sent.get("refund").asText());
    }

    @Test
    void aJsonTextBodyThatIsNoLongerJsonAfterRenderingFailsTheJob() throws Exception {
        String path = path("json-broken");
        Map<String, Object> spec = Map.of("url", SERVER.url(path), "body", "[\"{escrow.name}\", {escrow.id}]");
        ActionOutcome outcome = callHttp.run(context(spec, "1, {\"admin\": true}", "x"));
        assertEquals(Status.FAILED, outcome.status());
        assertTrue(outcome.error().startsWith("http action cannot be sent: the body is not valid JSON after rendering"), outcome.error());
        assertEquals(List.of(), SERVER.received(path));
    }

    @Test
    void formBodiesAreFormEncoded() throws Exception {
        String text = path("form-text");
        Map<String, Object> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        assertEquals(Status.DONE, callHttp.run(context(Map.of("url", SERVER.url(text), "headers", form,
                "body", "name={escrow.name}&refund=0"), "1", "a&refund=999 é")).status());
        assertEquals("name=a%26refund%3D999+%C3%A9&refund=0", SERVER.received(text).get(0).body());
        String mapping = path("form-mapping");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("order", "{escrow.id}");
        body.put("name", "{escrow.name}");
        assertEquals(Status.DONE, callHttp.run(context(Map.of("url", SERVER.url(mapping), "headers", form, "body", body),
                "7", "x=1&y")).status());
        Received sent = SERVER.received(mapping).get(0);
        assertEquals("order=7&name=x%3D1%26y", sent.body());
        assertEquals("application/x-www-form-urlencoded", sent.header("Content-Type"));
    }

    @Test
    void secretsAndHeadersGivenAsEnvReferencesAreReadFromTheEnvironment() throws Exception {
        String path = path("env");
        ActionOutcome outcome = call(path, Map.of("secret", "env:OUTBOUND_HOOK_SECRET",
                "headers", Map.of("Authorization", "env:OUTBOUND_HOOK_TOKEN")));
        assertEquals(Status.DONE, outcome.status(), outcome::error);
        Received request = SERVER.received(path).get(0);
        assertEquals(System.getenv("OUTBOUND_HOOK_TOKEN"), request.header("Authorization"));
        StandardWebhooksSignature verifier = new StandardWebhooksSignature(List.of(System.getenv("OUTBOUND_HOOK_SECRET")),
                Duration.ofMinutes(5));
        assertTrue(verifier.verify(request.header("webhook-id"), request.header("webhook-timestamp"),
                request.header("webhook-signature"), request.bytes(), NOW));
        ActionOutcome unset = call(path, Map.of("secret", "env:OUTBOUND_NOT_SET"));
        assertEquals("http action cannot be sent: environment variable OUTBOUND_NOT_SET is not set", unset.error());
    }

    static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    void settingsNoRetryCanFixAreFinal() throws Exception {
        String path = path("never");
        assertEquals("http action cannot be sent: timeout must be an ISO-8601 duration such as PT10S, not '10 seconds'",
                call(path, Map.of("timeout", "10 seconds")).error());
        assertEquals(Status.FAILED, call(path, Map.of("headers", Map.of("Host", "evil.example"))).status());
        assertEquals(Status.FAILED, callHttp.run(context(Map.of("url", "{escrow.missing}/hook"))).status());
        assertEquals(Status.FAILED, call(path, Map.of("secret", "whsec_not base64!")).status());
        assertEquals(List.of(), SERVER.received(path));
    }

    @Test
    void aKeyThatCannotTravelInAHeaderIsSentHashed() {
        assertEquals("first-day-buyers|once:ana@example.com|0", OutgoingCall.idempotencyKey("first-day-buyers|once:ana@example.com|0"));
        assertEquals("sha256:" + Hashing.sha256Hex("r|once:añá|0"), OutgoingCall.idempotencyKey("r|once:añá|0"));
    }
}
