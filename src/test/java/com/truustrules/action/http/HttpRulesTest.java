package com.truustrules.action.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.http.TestServer.Answer;
import com.truustrules.action.http.TestServer.Received;
import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The http action driven as in production: a webhook, a rule, the dispatcher, a real server. */
@QuarkusTest
@TestProfile(ActionRulesProfile.class)
class HttpRulesTest {

    static final TestServer SERVER = ActionRulesProfile.SERVER;

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    static String orderId() {
        return Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
    }

    /** Posts an order.published whose metadata sends the call-hook rule to /{hook}/{order}; returns the event id. */
    static UUID post(String hook, String orderId) {
        String body = Payloads.published(orderId)
                .replace("\"campaign\": \"black-friday\"", "\"campaign\": \"black-friday\", \"flow\": \"hook\", \"hook\": \"" + hook + "\"");
        return UUID.fromString(Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202)
                .extract().path("id"));
    }

    long job(UUID event, String condition, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = event;
        System.arraycopy(params, 0, all, 1, params.length);
        return db.count("SELECT COUNT(*) FROM action_job WHERE event_id = ? AND rule_id = 'call-hook' AND " + condition, all);
    }

    @Test
    void a2xxAnswerFinishesTheJobAndTheRequestIsSignedAndRendered() throws Exception {
        String order = orderId();
        UUID event = post("ok", order);
        Await.until("the call to be done", () -> job(event, "status = 'DONE'") == 1);
        assertEquals(1, job(event, "attempts = 1 AND result LIKE ?", "%\"status\":200%"));
        Received request = SERVER.received("/ok/" + order).get(0);
        assertEquals(order, request.header("X-Order"));
        assertEquals("call-hook|event:" + event + "|0", request.header("Idempotency-Key"));
        assertTrue(new StandardWebhooksSignature(List.of(ActionRulesProfile.SECRET), Duration.ofMinutes(5)).verify(
                request.header("webhook-id"), request.header("webhook-timestamp"), request.header("webhook-signature"),
                request.bytes(), Instant.now()));
        JsonNode body = json.readTree(request.bytes());
        assertEquals(event.toString(), body.path("event").path("id").asText());
        assertEquals("order.published", body.path("event").path("type").asText());
        assertEquals(order, body.path("payload").path("escrow").path("id").asText());
    }

    @Test
    void theActionsApiShowsNoSecretOfAnHttpAction() {
        String order = orderId();
        UUID event = post("ok", order);
        Await.until("the call to be done", () -> job(event, "status = 'DONE'") == 1);
        assertEquals(1, job(event, "spec LIKE ?", "%" + ActionRulesProfile.SECRET + "%"), "the job needs the literal secret to run");
        String listed = Calls.admin().get("/api/actions?limit=1000").then().statusCode(200).extract().asString();
        assertTrue(listed.contains(event.toString()), "the job is listed");
        assertFalse(listed.contains(ActionRulesProfile.SECRET.substring("whsec_".length())), listed);
        assertTrue(listed.contains("\\\"secret\\\":\\\"[redacted]\\\""), listed);
    }

    @Test
    void a503IsRetriedNoSoonerThanRetryAfterUntilTheServerRecovers() {
        String order = orderId();
        SERVER.script("/flaky/" + order, Answer.of(503, "busy").with("Retry-After", "1"), Answer.of(503, "busy").with("Retry-After", "1"));
        UUID event = post("flaky", order);
        Await.until("the call to succeed on the third attempt", Duration.ofSeconds(30), () -> job(event, "status = 'DONE'") == 1);
        List<Received> requests = SERVER.received("/flaky/" + order);
        assertEquals(3, requests.size());
        for (int i = 1; i < 3; i++) {
            long gap = Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis();
            // Backoff alone would be 0.2 s then 0.4 s (±20 %): a gap near 1 s is the server's Retry-After.
            assertTrue(gap >= 900, "attempt " + (i + 1) + " came " + gap + " ms after the previous one");
            assertEquals(requests.get(0).header("webhook-id"), requests.get(i).header("webhook-id"));
            assertEquals(requests.get(0).header("Idempotency-Key"), requests.get(i).header("Idempotency-Key"));
        }
        assertEquals(1, job(event, "attempts = 3"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM action_attempt a JOIN action_job j ON a.job_id = j.id "
                + "WHERE j.event_id = ? AND a.outcome = 'RETRY' AND a.error = ?", event,
                "POST " + SERVER.url("/flaky/" + order) + " answered 503: busy"));
    }

    @Test
    void a400IsFinalAtOnce() throws InterruptedException {
        String order = orderId();
        SERVER.script("/bad/" + order, Answer.of(400, "unknown order"));
        UUID event = post("bad", order);
        Await.until("the job to be dead", () -> job(event, "status = 'DEAD'") == 1);
        assertEquals(1, job(event, "attempts = 1 AND last_error = ?", "POST " + SERVER.url("/bad/" + order) + " answered 400: unknown order"));
        Thread.sleep(1500);
        assertEquals(1, SERVER.received("/bad/" + order).size());
        assertEquals(1, job(event, "status = 'DEAD'"));
    }
}
