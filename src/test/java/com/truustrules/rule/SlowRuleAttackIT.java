package com.truustrules.rule;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 4, against the packaged application: webhook data built to make a rule run for
 * seconds (a 255 KB name under a `matches`, a long one just under the text limit, a number that is a
 * gigabyte written out) is refused or becomes that rule's recorded ERROR, and the webhooks around it
 * are still stored and answered 202, where before they waited out the 5 s commit and got 503.
 */
@QuarkusIntegrationTest
@WithTestResource(SlowRuleConfig.class)
class SlowRuleAttackIT {

    private static String order() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    /** The sample body with a fresh order id and this escrow name (plain letters: no JSON escaping needed). */
    private static String withName(String order, String name) {
        return Payloads.published(order).replace("Vintage camera Olympus OM-1", name);
    }

    private static String post(String body) {
        return Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202)
                .extract().path("id");
    }

    /** The outcome of each rule in the event's latest run, once it has run. */
    private static Map<String, Map<String, Object>> results(String id) {
        Await.until("the rules to run on " + id, () -> !Calls.admin().get("/api/events/" + id).then().statusCode(200)
                .extract().jsonPath().getList("evaluations").isEmpty());
        JsonPath event = Calls.admin().get("/api/events/" + id).then().extract().jsonPath();
        List<Map<String, Object>> results = event.getList("evaluations[-1].results");
        // A rule's ERROR makes the run a failed one: the event waits for a retry (then FAILED), the others are done.
        boolean errored = results.stream().anyMatch(r -> "ERROR".equals(r.get("outcome")));
        assertTrue(errored ? List.of("RECEIVED", "FAILED").contains(event.getString("status"))
                : "PROCESSED".equals(event.getString("status")), event.getString("status"));
        return Map.of((String) results.get(0).get("rule"), results.get(0), (String) results.get(1).get("rule"), results.get(1));
    }

    @Test
    void aHugeNameIsTheRulesErrorAndTheWebhooksAroundItAreStored() {
        String hugeName = "black ".repeat(255_000 / 6); // 255 KB, and the body within the 256K limit
        CompletableFuture<String> attack = CompletableFuture.supplyAsync(() -> post(withName(order(), hugeName)));
        List<String> others = List.of(post(Payloads.published(order())), post(Payloads.published(order())),
                post(Payloads.published(order())));
        Map<String, Object> rule = results(attack.join()).get("black-friday-name");
        assertEquals("ERROR", rule.get("outcome"));
        assertEquals("evaluation failed", rule.get("reason"));
        assertTrue(((String) rule.get("error")).endsWith("a text of 255000 characters is longer than the 65536 a helper reads"),
                (String) rule.get("error"));
        assertTrue(((String) ((Map<?, ?>) rule.get("read")).get("escrow.name")).endsWith("… (255000 characters)"));
        for (String other : others) {
            assertEquals("NOT_MATCHED", results(other).get("black-friday-name").get("outcome"));
        }
    }

    @Test
    void aNameThatBacktracksForSecondsTimesOutAsTheRulesError() {
        // Under the text limit, yet '.*black.*friday.*' would try every 'black' against the rest: minutes.
        String slowName = "black".repeat(12_000);
        CompletableFuture<String> attack = CompletableFuture.supplyAsync(() -> post(withName(order(), slowName)));
        String other = post(withName(order(), "Black Friday camera"));
        Map<String, Object> rule = results(attack.join()).get("black-friday-name");
        assertEquals("ERROR", rule.get("outcome"));
        assertEquals("evaluation timed out", rule.get("reason"));
        assertEquals("`matches(lower(escrow.name), '.*black.*friday.*')`: evaluation timed out after 50 ms"
                + " (TRUUST_RULES_EVALUATION_TIMEOUT)", rule.get("error"));
        Map<String, Map<String, Object>> normal = results(other);
        assertEquals("FIRED", normal.get("black-friday-name").get("outcome"));
        // The other rule on the same event ran as usual.
        assertEquals("FIRED", results(attack.join()).get("decimal-amount").get("outcome"));
    }

    @Test
    void anAmountOfAGigabyteOfDigitsIsRefusedAndStoresNothing() {
        String order = order();
        Calls.truust().body(Payloads.published(order).replace("\"amount\": 149.9", "\"amount\": 1e999999999"))
                .post("/webhooks/truust/order-published").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the number at /escrow/amount is out of range: at most 100 digits and an exponent"
                        + " within ±1000"));
        String id = post(Payloads.published(order));
        assertEquals("FIRED", results(id).get("decimal-amount").get("outcome"));
    }
}
