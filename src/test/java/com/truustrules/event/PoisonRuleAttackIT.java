package com.truustrules.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.ItConfig;
import com.truustrules.support.Metrics;
import com.truustrules.support.Payloads;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 3, against the packaged application: a rule that fails at run time for some
 * events' data used to keep every event of its type RECEIVED for ever while health said UP, and a
 * rule id wider than the database column passed the load and did the same. Now the poisoned event
 * alone ends FAILED, health and metrics say so, the others are processed, and a replay brings it
 * back once the rule is fixed; the over-wide id is refused at load.
 */
@QuarkusIntegrationTest
@WithTestResource(PoisonRuleAttackIT.Rules.class)
class PoisonRuleAttackIT {

    static final int MAX_ATTEMPTS = 2;
    /** One path both the test and its resource compute (they may not share static state). */
    static final Path DIR = Path.of("target", "poison-rule-it").toAbsolutePath();

    /** The IT settings with a rules folder holding the poison rule and quick, few retries. */
    public static class Rules implements QuarkusTestResourceLifecycleManager {
        private final ItConfig it = new ItConfig();

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(it.start());
            try {
                Files.createDirectories(DIR);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            delete("long.yaml");
            write("gift-wrap.yaml", PoisonRuleProfile.POISON);
            write("every-order.yaml", "id: every-order\non: [order.published]\nactions:\n  - log: { message: \"o {escrow.id}\" }\n");
            config.putAll(Map.of("truust.rules.dir", DIR.toString(), "truust.rules.poll-interval", "1h",
                    "truust.processor.max-attempts", String.valueOf(MAX_ATTEMPTS),
                    "truust.processor.retry-backoff", "PT0.2S", "truust.processor.sweep-interval", "200ms"));
            return config;
        }

        @Override
        public void stop() {
            it.stop();
        }
    }

    @Test
    void aPoisonRuleDoesNotBlockOtherEventsAndHealthShowsIt() {
        String poisoned = post("93000000", "\"yes\"");
        List<String> plain = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            plain.add(post("9300000" + String.format("%02d", i), i % 2 == 0 ? null : "false"));
        }
        for (String id : plain) {
            Await.until("event " + id + " processed", () -> "PROCESSED".equals(status(id)));
        }
        Await.until("the poisoned event to be FAILED", () -> "FAILED".equals(status(poisoned)));
        Calls.admin().get("/api/events/" + poisoned).then().statusCode(200)
                .body("attempts", equalTo(MAX_ATTEMPTS))
                .body("error", startsWith("rule gift-wrap: `escrow.metadata.gift && true` failed"))
                .body("evaluations[0].results.find { it.rule == 'every-order' }.outcome", equalTo("FIRED"))
                .body("evaluations[0].results.find { it.rule == 'gift-wrap' }.outcome", equalTo("ERROR"));

        JsonPath events = readiness();
        assertEquals("degraded", events.getString("data.state"));
        assertTrue(events.getLong("data.failed") >= 1, events.prettify());
        assertTrue(Metrics.value("truust_events_failed_total") >= 1);
        assertTrue(Metrics.value("truust_events_run_failures_total") >= MAX_ATTEMPTS);
        given().get("/q/health/live").then().statusCode(200);

        Calls.admin().post("/api/events/" + UUID.randomUUID() + "/replay").then().statusCode(404)
                .contentType("application/problem+json");
        write("gift-wrap.yaml", PoisonRuleProfile.FIXED);
        Calls.admin().post("/api/rules/reload").then().statusCode(200).body("valid", equalTo(true));
        Calls.admin().post("/api/events/" + poisoned + "/replay").then().statusCode(200)
                .body("status", equalTo("PROCESSED"))
                .body("evaluations.find { it.rule == 'gift-wrap' }.outcome", equalTo("FIRED"))
                .body("evaluations.find { it.rule == 'every-order' }.outcome", equalTo("ALREADY_FIRED"));
        assertEquals("PROCESSED", status(poisoned));
        write("gift-wrap.yaml", PoisonRuleProfile.POISON);
        Calls.admin().post("/api/rules/reload").then().statusCode(200);
    }

    @Test
    void aRuleIdWiderThanTheDatabaseColumnIsRefusedAtLoadAndStallsNothing() {
        String id = "a".repeat(101);
        write("long.yaml", "id: " + id + "\non: [order.published]\nactions:\n  - log: { message: x }\n");
        try {
            Calls.admin().post("/api/rules/reload").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("errors.message", hasItem("'id' has at most 100 characters (the database column's width), not 101"));
            String event = post("93000100", null);
            Await.until("event " + event + " processed", () -> "PROCESSED".equals(status(event)));
        } finally {
            delete("long.yaml");
            Calls.admin().post("/api/rules/reload").then().statusCode(200);
        }
    }

    /** An order.published call; {@code gift}: the JSON value of escrow.metadata.gift, if any. */
    private static String post(String order, String gift) {
        String body = Payloads.published(order);
        if (gift != null) {
            body = body.replace("\"campaign\": \"black-friday\"", "\"campaign\": \"black-friday\", \"gift\": " + gift);
        }
        return Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202).extract().path("id");
    }

    private static String status(String id) {
        return Calls.admin().get("/api/events/" + id).then().statusCode(200).extract().path("status");
    }

    private static JsonPath readiness() {
        return JsonPath.from(given().get("/q/health/ready").then().statusCode(200).extract().asString())
                .setRootPath("checks.find { it.name == 'events' }");
    }

    private static void write(String name, String text) {
        try {
            Files.writeString(DIR.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(String name) {
        try {
            Files.deleteIfExists(DIR.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
