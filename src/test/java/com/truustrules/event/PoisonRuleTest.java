package com.truustrules.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.rule.FiringState;
import com.truustrules.rule.PoisonFiringState;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Metrics;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 3: one bad rule or one poisoned event used to keep every event of its type
 * RECEIVED for ever, while health said UP. Now each event and each rule fails on its own, is retried
 * a bounded number of times, ends FAILED with its error, shows in health and metrics, and comes
 * back by replay once the rule is fixed.
 */
@QuarkusTest
@TestProfile(PoisonRuleProfile.class)
class PoisonRuleTest {

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    @Inject
    EventWriter writer;

    @AfterEach
    void restoreTheRule() {
        PoisonRuleProfile.write("gift-wrap.yaml", PoisonRuleProfile.POISON);
        Calls.admin().post("/api/rules/reload").then().statusCode(200);
    }

    @Test
    void aRuleThatFailsOnSomeDataHoldsBackNoOtherEventNorRule() {
        double failedBefore = Metrics.value("truust_events_failed_total");
        UUID poisoned = post("91000001", "yes");
        UUID plain = post("91000002", null);

        assertEquals("PROCESSED", status(plain), "an event the rule does not fail on is processed at once");
        awaitStatus(poisoned, "FAILED");
        assertEquals(PoisonRuleProfile.MAX_ATTEMPTS, db.count("SELECT attempts FROM inbound_event WHERE id = ?", poisoned));
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ? AND next_attempt_at IS NULL "
                + "AND error LIKE 'rule gift-wrap: `escrow.metadata.gift && true` failed%'", poisoned));
        assertEquals(1, firings("every-order", poisoned), "the other rule fired once, not once per attempt");
        assertEquals(PoisonRuleProfile.MAX_ATTEMPTS, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", poisoned));
        assertTrue(Metrics.value("truust_events_failed_total") >= failedBefore + 1);
        assertTrue(Metrics.value("truust_events_run_failures_total") >= PoisonRuleProfile.MAX_ATTEMPTS);

        JsonPath events = readiness("events");
        assertEquals("degraded", events.getString("data.state"));
        assertTrue(events.getLong("data.failed") >= 1);
    }

    @Test
    void aFailedEventComesBackByReplayOnceTheRuleIsFixed() {
        UUID poisoned = post("91000003", "yes");
        awaitStatus(poisoned, "FAILED");

        Calls.admin().post("/api/events/" + poisoned + "/replay").then().statusCode(200)
                .body("status", equalTo("FAILED")).body("error", startsWith("rule gift-wrap: "));
        assertEquals(PoisonRuleProfile.MAX_ATTEMPTS + 1, db.count("SELECT attempts FROM inbound_event WHERE id = ?", poisoned));

        PoisonRuleProfile.write("gift-wrap.yaml", PoisonRuleProfile.FIXED);
        Calls.admin().post("/api/rules/reload").then().statusCode(200);
        Calls.admin().post("/api/events/" + poisoned + "/replay").then().statusCode(200)
                .body("status", equalTo("PROCESSED")).body("error", nullValue())
                .body("evaluations.outcome", hasItem("FIRED"));
        assertEquals("PROCESSED", status(poisoned));
        assertEquals(1, firings("gift-wrap", poisoned));
        assertEquals(1, firings("every-order", poisoned));
        Calls.admin().get("/api/events/" + poisoned).then().statusCode(200)
                .body("status", equalTo("PROCESSED")).body("error", nullValue()).body("nextAttemptAt", nullValue());
    }

    @Test
    void replayAnswersProblemsForUnknownAndPendingEvents() {
        UUID unknown = UUID.randomUUID();
        Calls.admin().post("/api/events/" + unknown + "/replay").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no event with id " + unknown));

        UUID pending = UUID.randomUUID();
        db.execute("INSERT INTO inbound_event (id, type, dedup_key, received_at, headers, body, status, attempts, "
                + "next_attempt_at) VALUES ('" + pending + "', 'order.published', 'pending-" + pending + "', "
                + "CURRENT_TIMESTAMP, '{}', '{}', 'RECEIVED', 1, TIMESTAMP WITH TIME ZONE '2999-01-01 00:00:00+00')");
        Calls.admin().post("/api/events/" + pending + "/replay").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", startsWith("event " + pending + " is RECEIVED: the processor runs it"));
        db.execute("DELETE FROM inbound_event WHERE id = '" + pending + "'");
    }

    /** The claiming processor used to fail its whole batch, for ever, on one event the database refused. */
    @Test
    void anEventTheDatabaseRefusesOrThatThrowsAnErrorDoesNotHoldBackItsBatch() {
        PoisonFiringState poison = new PoisonFiringState(json).refuse(id -> true);
        QuarkusMock.installMockForType(poison, FiringState.class);
        UUID refused = postRefused("91000004");
        UUID erroring = postRefused("91000005");
        UUID healthy = postRefused("91000006");

        poison.refuse(refused::equals).error(erroring::equals);
        awaitStatus(healthy, "PROCESSED");
        awaitStatus(refused, "FAILED");
        awaitStatus(erroring, "FAILED");
        assertEquals(1, firings("every-order", healthy));
        assertEquals(0, firings("every-order", refused));
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ? AND error LIKE "
                + "'rule every-order: OutOfMemoryError: simulated while settling every-order%'", erroring));
        given().get("/q/health/live").then().statusCode(200);
    }

    /** Issue 9, defect 2: an OutOfMemoryError used to end event-writer for good; every later webhook got 503. */
    @Test
    void theWriterSurvivesAnError() {
        double before = Metrics.value("truust_pipeline_errors_total", "thread=\"event-writer\"");
        writer.failNextBatch(new OutOfMemoryError("simulated"));
        Calls.truust().body(Payloads.published("91000007")).post("/webhooks/truust/order-published").then().statusCode(503);

        UUID next = post("91000008", null);
        assertEquals("PROCESSED", status(next));
        assertEquals(before + 1, Metrics.value("truust_pipeline_errors_total", "thread=\"event-writer\""));
        given().get("/q/health/live").then().statusCode(200).body("checks.find { it.name == 'pipeline' }.status", equalTo("UP"));
    }

    /** Posts while the database refuses every firing: the event is kept, not processed, with its attempts counted. */
    private UUID postRefused(String order) {
        UUID id = post(order, null);
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status <> 'PROCESSED' AND attempts >= 1 "
                + "AND error LIKE 'rule every-order: %'", id), "a failed run in the storing transaction keeps the event");
        return id;
    }

    private static UUID post(String order, String gift) {
        String body = Payloads.published(order);
        if (gift != null) {
            body = body.replace("\"campaign\": \"black-friday\"", "\"campaign\": \"black-friday\", \"gift\": \"" + gift + "\"");
        }
        return UUID.fromString(Calls.truust().body(body).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id"));
    }

    private String status(UUID id) {
        for (String status : new String[] {"RECEIVED", "PROCESSED", "FAILED"}) {
            if (db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = ?", id, status) == 1) {
                return status;
            }
        }
        return "absent";
    }

    private void awaitStatus(UUID id, String status) {
        Await.until("event " + id + " to be " + status, () -> status.equals(status(id)));
    }

    private long firings(String rule, UUID event) {
        return db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = ? AND event_id = ?", rule, event);
    }

    static JsonPath readiness(String check) {
        String body = given().get("/q/health/ready").then().extract().asString();
        JsonPath health = JsonPath.from(body);
        return health.setRootPath("checks.find { it.name == '" + check + "' }");
    }
}
