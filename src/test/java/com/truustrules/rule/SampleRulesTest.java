package com.truustrules.rule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample rules of rules/, driven through the webhook and the processor as Truust would. */
@QuarkusTest
class SampleRulesTest {

    static final Instant OFFER_START = Instant.parse("2026-11-27T00:00:00Z");

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static String buyer() {
        return "buyer-" + UUID.randomUUID() + "@example.com";
    }

    static String order(String buyer, String amount) {
        String orderId = Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
        return Payloads.read("order-published-sample").replace("8810231", orderId)
                .replace("ana.garcia@example.com", buyer).replace("149.9", amount);
    }

    /** Posts at the given time, waits for processing, and returns the outcome per rule id. */
    Map<String, String> outcomes(String type, String body, Instant at) {
        clock.set(at);
        String id = Calls.truust().body(body).post("/webhooks/truust/" + type).then().statusCode(202).extract().path("id");
        Await.until("event " + id + " processed", () -> db.count(
                "SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = 'PROCESSED'", UUID.fromString(id)) == 1);
        JsonPath event = Calls.admin().get("/api/events/" + id).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> results = event.getList("evaluations[-1].results");
        return results.stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("rule"), r -> (String) r.get("outcome")));
    }

    @Test
    void aBuyerWhoPaysWithin24HoursGetsAPromo() {
        String buyer = buyer();
        Map<String, String> outcomes = outcomes("order-published", order(buyer, "149.9"), OFFER_START.plusSeconds(3600));
        assertEquals("FIRED", outcomes.get("first-day-buyers"));
        assertEquals("NOT_MATCHED", outcomes.get("big-orders"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = 'first-day-buyers' AND firing_key = ?",
                "once:" + buyer));
    }

    @Test
    void theWindowIncludesItsStartAndExcludesStartPlus24Hours() {
        assertEquals("FIRED", outcomes("order-published", order(buyer(), "10"), OFFER_START).get("first-day-buyers"));
        assertEquals("FIRED", outcomes("order-published", order(buyer(), "10"), OFFER_START.plusSeconds(86_399))
                .get("first-day-buyers"));
        assertEquals("NOT_MATCHED", outcomes("order-published", order(buyer(), "10"), OFFER_START.plusSeconds(86_400))
                .get("first-day-buyers"));
        assertEquals("NOT_MATCHED", outcomes("order-published", order(buyer(), "10"), OFFER_START.minusMillis(1))
                .get("first-day-buyers"));
    }

    @Test
    void aBuyerGetsOnePromoWhateverTheCaseOfTheirAddress() {
        String buyer = buyer();
        Instant inside = OFFER_START.plusSeconds(7200);
        assertEquals("FIRED", outcomes("order-published", order(buyer, "20"), inside).get("first-day-buyers"));
        assertEquals("ALREADY_FIRED", outcomes("order-published", order(buyer.toUpperCase(), "30"), inside)
                .get("first-day-buyers"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'first-day-buyers' AND firing_key = ?",
                "once:" + buyer));
    }

    @Test
    void bigOrdersAreFlaggedFrom1000Euros() {
        Instant later = OFFER_START.plusSeconds(10 * 86_400);
        assertEquals("FIRED", outcomes("order-published", order(buyer(), "1000"), later).get("big-orders"));
        assertEquals("NOT_MATCHED", outcomes("order-published", order(buyer(), "999.99"), later).get("big-orders"));
    }

    @Test
    void cancelledOrdersNotifyOps() {
        String body = Payloads.read("order-cancelled-sample").replace("8810240", Long.toString(System.nanoTime()));
        assertEquals(Map.of("notify-cancelled", "FIRED"), outcomes("order-cancelled", body, Instant.now()));
    }

    @Test
    void replayReRunsTheRulesWithoutQueueingTwice() {
        String buyer = buyer();
        clock.set(OFFER_START.plusSeconds(60));
        outcomes("order-published", order(buyer, "149.9"), OFFER_START.plusSeconds(60));
        String id = Calls.admin().queryParam("limit", 1).get("/api/events").then().extract().path("items[0].id");
        long jobs = db.count("SELECT COUNT(*) FROM action_job");
        Calls.admin().post("/api/events/" + id + "/replay").then().statusCode(200)
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("ALREADY_FIRED"));
        assertEquals(jobs, db.count("SELECT COUNT(*) FROM action_job"));
        Calls.admin().get("/api/events/" + id).then().body("evaluations.size()", equalTo(2));
        Calls.admin().post("/api/events/" + UUID.randomUUID() + "/replay").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theRulesApiListsTheSampleRules() {
        Calls.admin().get("/api/rules").then().statusCode(200)
                .body("rules.id", hasItem("first-day-buyers"))
                .body("rules.find { it.id == 'first-day-buyers' }.oncePer",
                        equalTo("email(coalesce(buyer.email, escrow.metadata.buyer_email))"))
                .body("errors.size()", equalTo(0));
    }
}
