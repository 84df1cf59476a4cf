package com.truustrules.rule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ops tools: validate a file, dry-run an event, reload. */
@QuarkusTest
class RulesApiTest {

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void validateAcceptsAGoodFile() {
        Calls.admin().contentType("application/yaml")
                .body(yaml("id: vip\non: [order.published]\nwhen: escrow.amount > 500\nactions:\n  - log: { message: vip }\n"))
                .post("/api/rules/validate").then().statusCode(200)
                .body("valid", equalTo(true)).body("errors", hasSize(0));
    }

    @Test
    void validateNamesLineRuleAndProblem() {
        Calls.admin().contentType("application/yaml")
                .body(yaml("id: vip\non: [order.published]\nwhen: new java.io.File('/')\nactions:\n  - log: { message: vip }\n"))
                .post("/api/rules/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].file", equalTo("(request)"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].rule", equalTo("vip"))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("'when': "));
    }

    /** A rule id wider than the rule_id columns used to validate, then stall every event of its type. */
    @Test
    void validateRefusesAnIdTheDatabaseWouldRefuse() {
        String id = "x".repeat(101);
        Calls.admin().contentType("application/yaml")
                .body(yaml("id: " + id + "\non: [order.published]\nactions:\n  - log: { message: vip }\n"))
                .post("/api/rules/validate").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("errors[0].line", equalTo(1))
                .body("errors[0].rule", equalTo(id))
                .body("errors[0].message", equalTo("'id' has at most 100 characters (the database column's width), not 101"));
    }

    @Test
    void aDryRunSaysWhatWouldFireAndWritesNothing() {
        List<String> tables = List.of("inbound_event", "event_evaluation", "rule_firing", "rule_counter", "action_job");
        List<Long> before = tables.stream().map(t -> db.count("SELECT COUNT(*) FROM " + t)).toList();
        clock.set(Instant.parse("2026-11-27T05:00:00Z"));
        String body = Payloads.read("order-published-sample").replace("149.9", "1200");
        Calls.admin().contentType("application/json").body("{\"type\": \"EscrowPublished\", \"body\": " + body + "}")
                .post("/api/rules/test").then().statusCode(200)
                .body("type", equalTo("order.published"))
                .body("evaluations.find { it.rule == 'big-orders' }.outcome", equalTo("MATCHED"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", org.hamcrest.Matchers.oneOf("MATCHED", "ALREADY_FIRED"))
                .body("evaluations.find { it.rule == 'big-orders' }.read.'escrow.amount'", equalTo(1200));
        assertEquals(before, tables.stream().map(t -> db.count("SELECT COUNT(*) FROM " + t)).toList());
    }

    @Test
    void aDryRunNeedsATypeAndAnObjectBody() {
        Calls.admin().contentType("application/json").body("{\"body\": {}}").post("/api/rules/test").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("give 'type' (e.g. order.published) and 'body'"));
        Calls.admin().contentType("application/json").body("{\"type\": \"order.published\", \"body\": [1]}")
                .post("/api/rules/test").then().statusCode(400)
                .body("detail", equalTo("'body' must be the webhook body, a JSON object"));
    }

    /** 'at' is the event's time and the rules' now, as the CLI's --at: the Black Friday window opens for it. */
    @Test
    void aDryRunEvaluatesAtTheGivenInstant() {
        clock.set(Instant.parse("2026-12-05T05:00:00Z"));
        String body = Payloads.read("order-published-sample").replaceAll("\"buyer_email\"\\s*:\\s*\"[^\"]*\"",
                "\"buyer_email\": \"dry-run-at@example.com\"");
        String window = "{\"type\": \"order.published\", \"at\": \"2026-11-27T10:00:00Z\", \"body\": " + body + "}";
        Calls.admin().contentType("application/json").body(window).post("/api/rules/test").then().statusCode(200)
                .body("at", equalTo("2026-11-27T10:00:00Z"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("MATCHED"));
        Calls.admin().contentType("application/json").body("{\"type\": \"order.published\", \"body\": " + body + "}")
                .post("/api/rules/test").then().statusCode(200)
                .body("at", equalTo("2026-12-05T05:00:00Z"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("NOT_MATCHED"));
    }

    /** Truust's order and buyer given in the request: the buyer Truust knows and the payment time decide, not the body. */
    @Test
    void aDryRunTakesTheOrderAndBuyerGiven() {
        clock.set(Instant.parse("2026-12-05T05:00:00Z"));
        String body = "{\"escrow\": {\"id\": \"8810231\", \"amount\": 10, \"currency\": \"EUR\"}}";
        String given = "{\"type\": \"order.published\", \"body\": " + body + ", \"order\": {\"id\": 8810231, "
                + "\"status\": \"PUBLISHED\", \"published_at\": \"2026-11-27T09:30:00Z\", \"buyer\": {\"email\": "
                + "\"Given.Buyer@Example.com\"}}}";
        Calls.admin().contentType("application/json").body(given).post("/api/rules/test").then().statusCode(200)
                .body("truustFacts", equalTo("given"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("MATCHED"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.oncePer", equalTo("given.buyer@example.com"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.read.'order.published_at'", equalTo("2026-11-27T09:30:00Z"));
        Calls.admin().contentType("application/json").body("{\"type\": \"order.published\", \"body\": " + body + "}")
                .post("/api/rules/test").then().statusCode(200)
                .body("truustFacts", equalTo("none"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("NOT_MATCHED"));
    }

    @Test
    void aDryRunRefusesTruustFactsThatAreNotObjects() {
        for (String field : List.of("order", "buyer", "seller")) {
            Calls.admin().contentType("application/json").body("{\"type\": \"order.published\", \"body\": {}, \"" + field + "\": [1]}")
                    .post("/api/rules/test").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.startsWith("'" + field + "' must be a JSON object"));
        }
        Calls.admin().contentType("application/json").body("{\"type\": \"order.published\", \"body\": {}, \"order\": {\"data\": 5}}")
                .post("/api/rules/test").then().statusCode(200).body("truustFacts", equalTo("given"));
    }

    @Test
    void aDryRunRefusesAnAtThatIsNoInstant() {
        for (String at : List.of("\"2026-11-27\"", "\"tomorrow\"", "\"2026-11-27T10:00:00+01:00[\"")) {
            Calls.admin().contentType("application/json").body("{\"type\": \"order.published\", \"at\": " + at + ", \"body\": {}}")
                    .post("/api/rules/test").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("'at' must be an ISO-8601 instant in UTC such as 2026-11-27T10:00:00Z"));
        }
    }

    @Test
    void reloadReportsTheFolder() {
        Calls.admin().post("/api/rules/reload").then().statusCode(200).body("valid", equalTo(true));
    }
}
