package com.truustrules.action.promo;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.http.ActionRulesProfile;
import com.truustrules.action.http.TestServer;
import com.truustrules.action.http.TestServer.Received;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The promo-code action driven through a rule: codes flow to the next action, and an empty pool hurts no one else. */
@QuarkusTest
@TestProfile(ActionRulesProfile.class)
class PromoRulesTest {

    static final TestServer SERVER = ActionRulesProfile.SERVER;

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    static String orderId() {
        return Long.toString(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
    }

    /** Posts an order.published whose metadata picks the rule (flow) and the path (hook); returns the event id. */
    static UUID post(String order, String flow, String hook) {
        String body = Payloads.published(order).replace("\"campaign\": \"black-friday\"",
                "\"campaign\": \"black-friday\", \"flow\": \"" + flow + "\", \"hook\": \"" + hook + "\"");
        return UUID.fromString(Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202)
                .extract().path("id"));
    }

    long jobs(String rule, String kind, String status) {
        return db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = ? AND kind = ? AND status = ?", rule, kind, status);
    }

    @Test
    void theThirdBuyerOfAPoolOfTwoGetsADeadJobAndNothingElseIsHurt() throws Exception {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'promo-pools' }.data.state", equalTo("ok"))
                .body("checks.find { it.name == 'promo-pools' }.data.'remaining.TINY'", equalTo(2));
        List<String> orders = List.of(orderId(), orderId(), orderId());
        String other = orderId();
        orders.forEach(order -> post(order, "promo", "none"));
        UUID otherEvent = post(other, "hook", "fine");

        Await.until("two codes taken and one pool exhausted", () -> jobs("promo-then-notify", "promo-code", "DONE") == 2
                && jobs("promo-then-notify", "promo-code", "DEAD") == 1);
        Await.until("the two codes posted", () -> jobs("promo-then-notify", "http", "DONE") == 2);
        Await.until("the other rule's call done", () -> db.count(
                "SELECT COUNT(*) FROM action_job WHERE event_id = ? AND status = 'DONE'", otherEvent) == 1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = 'promo-then-notify' AND status = 'DEAD' "
                + "AND attempts = 1 AND last_error = 'promo-code pool TINY is exhausted'"));
        assertEquals(1, jobs("promo-then-notify", "http", "WAITING"));
        assertEquals(Set.of("TINY-1", "TINY-2"), postedCodes(orders));
        assertEquals(1, SERVER.received("/fine/" + other).size());

        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("truust_promo_exhausted_total{pool=\"TINY\"} 1.0"))
                .body(containsString("truust_promo_remaining{pool=\"TINY\"} 0.0"));
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'promo-pools' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'promo-pools' }.data.state", equalTo("degraded"))
                .body("checks.find { it.name == 'promo-pools' }.data.empty", equalTo("TINY"))
                .body("checks.find { it.name == 'promo-pools' }.data.'remaining.TINY'", equalTo(0));
    }

    /** The codes the follow-up http action posted, one per order that got one. */
    private Set<String> postedCodes(List<String> orders) throws Exception {
        List<String> codes = new ArrayList<>();
        for (String order : orders) {
            for (Received request : SERVER.received("/promo/" + order)) {
                assertEquals(order, json.readTree(request.bytes()).path("order").asText());
                codes.add(json.readTree(request.bytes()).path("code").asText());
            }
        }
        assertEquals(2, codes.size(), "codes posted: " + codes);
        return new HashSet<>(codes);
    }
}
