package com.truustrules.action.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truustrules.action.http.TestServer.Answer;
import com.truustrules.action.http.TestServer.Received;
import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Webhook data that tries to shape the service's outgoing calls, against the packaged application:
 * a path traversal in a url value, keys smuggled into a JSON body, a redirect to another origin,
 * and secrets read back through the admin API.
 */
@QuarkusIntegrationTest
@WithTestResource(OutboundRules.class)
class OutboundAttackIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TestServer TARGET = OutboundRules.TARGET;
    static final TestServer OTHER = OutboundRules.OTHER;

    /** Posts an order.published with the given escrow id, name and rule flow; returns the event id. */
    static String post(String escrowId, String name, String flow) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Payloads.published(unique()));
        ObjectNode escrow = (ObjectNode) body.get("escrow");
        escrow.put("id", escrowId).put("name", name);
        ((ObjectNode) escrow.get("metadata")).put("flow", flow);
        return Calls.truust().body(JSON.writeValueAsString(body)).post("/webhooks/truust/order-published").then()
                .statusCode(202).extract().path("id");
    }

    static String unique() {
        return Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
    }

    /** The event's one action job as /api/actions lists it, once it has ended (DONE or DEAD). */
    static JsonNode endedJob(String eventId) {
        List<JsonNode> found = new ArrayList<>();
        Await.until("the action job of event " + eventId + " to end", Duration.ofSeconds(30), () -> {
            found.clear();
            jobs().forEach(job -> {
                if (job.path("eventId").asText().equals(eventId) && job.path("status").asText().matches("DONE|DEAD")) {
                    found.add(job);
                }
            });
            return !found.isEmpty();
        });
        return found.get(0);
    }

    static JsonNode jobs() {
        try {
            return JSON.readTree(listedJobs()).path("items");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String listedJobs() {
        return Calls.admin().get("/api/actions?limit=1000").then().statusCode(200).extract().asString();
    }

    @Test
    void eventValuesCannotChangeTheUrlPathNorAddKeysToTheJsonBody() throws Exception {
        String suffix = unique();
        String escrowId = "A-3/../../../internal/delete?all=1#" + suffix;
        String name = "x\",\"admin\":true,\"refund\":\"999";
        String event = post(escrowId, name, "url");
        JsonNode job = endedJob(event);
        assertEquals("DONE", job.path("status").asText(), job::toString);
        List<Received> admin = TARGET.received("/internal/delete");
        assertEquals(List.of(), admin);
        Received call = TARGET.received("/escrows/A-3%2F..%2F..%2F..%2Finternal%2Fdelete%3Fall%3D1%23" + suffix + "/confirm").get(0);
        JsonNode sent = JSON.readTree(call.bytes());
        List<String> keys = new ArrayList<>();
        sent.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("name", "refund"), keys);
        assertEquals(name, sent.get("name").asText());
        assertEquals("0", sent.get("refund").asText());
        assertEquals(System.getenv("OUTBOUND_HOOK_TOKEN"), call.header("Authorization"));
        assertTrue(new StandardWebhooksSignature(List.of(System.getenv("OUTBOUND_HOOK_SECRET")), Duration.ofMinutes(5)).verify(
                call.header("webhook-id"), call.header("webhook-timestamp"), call.header("webhook-signature"), call.bytes(),
                Instant.now()));
    }

    @Test
    void aRedirectToAnotherOriginIsNotFollowedAndTheCredentialsStayHome() throws Exception {
        String escrowId = "R-" + unique();
        TARGET.script("/moved/" + escrowId, Answer.of(302, "").with("Location", OTHER.url("/collect/" + escrowId)));
        JsonNode job = endedJob(post(escrowId, "redirected", "redirect"));
        assertEquals("DEAD", job.path("status").asText(), job::toString);
        assertTrue(job.path("lastError").asText().contains("redirects to another origin"), job::toString);
        assertEquals(List.of(), OTHER.received("/collect/" + escrowId));
        assertEquals(System.getenv("OUTBOUND_HOOK_TOKEN"), TARGET.received("/moved/" + escrowId).get(0).header("Authorization"));
    }

    @Test
    void theAnswerIsKeptShortAndWithoutItsCredentials() throws Exception {
        String escrowId = "T-" + unique();
        TARGET.script("/escrows/" + escrowId + "/confirm", Answer.of(200, "{\"access_token\": \"tok-leak-77\", \"pad\": \""
                + "p".repeat(3000) + "\"}"));
        JsonNode job = endedJob(post(escrowId, "answer", "url"));
        assertEquals("DONE", job.path("status").asText(), job::toString);
        String body = JSON.readTree(job.path("result").asText()).path("body").asText();
        assertFalse(body.contains("tok-leak-77"), body);
        assertTrue(body.startsWith("{\"access_token\": \"[redacted]\""), body);
        assertTrue(body.length() <= 512, () -> "kept " + body.length() + " characters");
    }

    @Test
    void theActionsApiShowsNoSecretNorHeaderValue() throws Exception {
        String literal = "L-" + unique();
        String withEnv = "E-" + unique();
        assertEquals("DONE", endedJob(post(literal, "literal", "literal")).path("status").asText());
        assertEquals("DONE", endedJob(post(withEnv, "env", "url")).path("status").asText());
        assertEquals(OutboundRules.LITERAL_KEY, TARGET.received("/literal/" + literal).get(0).header("X-Api-Key"));
        String listed = listedJobs();
        for (String secret : List.of(OutboundRules.LITERAL_KEY, OutboundRules.LITERAL_SECRET.substring(6),
                System.getenv("OUTBOUND_HOOK_SECRET").substring(6), System.getenv("OUTBOUND_HOOK_TOKEN"))) {
            assertFalse(listed.contains(secret), "/api/actions shows " + secret);
        }
        assertTrue(listed.contains("env:OUTBOUND_HOOK_SECRET"), "an env reference is shown as it is");
        assertTrue(listed.contains("[redacted]"), listed);
        String rules = Calls.admin().get("/api/rules").then().statusCode(200).extract().asString();
        assertTrue(rules.contains("'http' secret is written in the rule file"), rules);
        assertFalse(rules.contains(OutboundRules.LITERAL_SECRET.substring(6)), rules);
    }
}
