package com.truustrules.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Calls;
import com.truustrules.support.Metrics;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, Prometheus metrics and OpenAPI: what ops people watch. */
@QuarkusTest
class ObservabilityTest {

    private static final String RECEIVED = "truust_events_received_total";
    private static final String DUPLICATE = "truust_events_duplicate_total";
    private static final String REJECTED = "truust_events_rejected_total";
    private static final String LATENCY = "truust_ingest_latency_seconds_count";

    @Test
    void readinessIsUpWithTheDatabaseCheck() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void acceptedEventsAreCountedByType() {
        double published = Metrics.value(RECEIVED, "type=\"order.published\"");
        double released = Metrics.value(RECEIVED, "type=\"order.released\"");
        post("63000001", "order-published", 202);
        post("63000002", "EscrowPublished", 202);
        post("63000003", "order-released", 202);
        assertEquals(published + 2, Metrics.value(RECEIVED, "type=\"order.published\""));
        assertEquals(released + 1, Metrics.value(RECEIVED, "type=\"order.released\""));
    }

    @Test
    void duplicatesAreCountedAndNotReceivedAgain() {
        post("63000010", "order-published", 202);
        double received = Metrics.value(RECEIVED, "type=\"order.published\"");
        double duplicate = Metrics.value(DUPLICATE);
        post("63000010", "order-published", 200);
        post("63000010", "order-published", 200);
        assertEquals(duplicate + 2, Metrics.value(DUPLICATE));
        assertEquals(received, Metrics.value(RECEIVED, "type=\"order.published\""));
    }

    @Test
    void rejectionsAreCountedByReason() {
        double unverified = Metrics.value(REJECTED, "reason=\"unverified\"");
        double malformed = Metrics.value(REJECTED, "reason=\"malformed\"");
        double notJson = Metrics.value(REJECTED, "reason=\"not-json\"");
        given().contentType("application/json").header("X-Truust-Secret", "wrong").body(Payloads.published("63000020"))
                .post("/webhooks/truust").then().statusCode(401);
        given().contentType("application/json").body(Payloads.published("63000020")).post("/webhooks/truust").then().statusCode(401);
        Calls.truust().body("{\"escrow\": ").post("/webhooks/truust").then().statusCode(400);
        given().contentType("text/plain").header("X-Truust-Secret", Calls.SECRET).body("{}").post("/webhooks/truust")
                .then().statusCode(415);
        assertEquals(unverified + 2, Metrics.value(REJECTED, "reason=\"unverified\""));
        assertEquals(malformed + 1, Metrics.value(REJECTED, "reason=\"malformed\""));
        assertEquals(notJson + 1, Metrics.value(REJECTED, "reason=\"not-json\""));
    }

    @Test
    void theIngestLatencyTimerCountsEveryStoredCall() {
        double count = Metrics.value(LATENCY);
        post("63000030", "order-published", 202);
        post("63000030", "order-published", 200);
        assertEquals(count + 2, Metrics.value(LATENCY));
        assertTrue(Metrics.value("truust_ingest_latency_seconds_sum") > 0);
        assertTrue(Metrics.value("truust_ingest_latency_seconds_max") > 0);
    }

    @Test
    void everyGroupCommitCountsTheCallsItCarried() {
        double commits = Metrics.value("truust_ingest_batch_size_count");
        double calls = Metrics.value("truust_ingest_batch_size_sum");
        post("63000040", "order-published", 202);
        post("63000041", "order-published", 202);
        // One after the other: nothing to share a commit with.
        assertEquals(commits + 2, Metrics.value("truust_ingest_batch_size_count"));
        assertEquals(calls + 2, Metrics.value("truust_ingest_batch_size_sum"));
    }

    @Test
    void theOpenApiDocumentListsTheWebhookAndTheAdminApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/webhooks/truust"))
                .body("paths", hasKey("/webhooks/truust/{event}"))
                .body("paths", hasKey("/webhooks/truust/t/{token}/{event}"))
                .body("paths", hasKey("/api/events"))
                .body("paths.'/webhooks/truust'.post.summary", notNullValue());
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/webhooks/truust:"));
    }

    @Test
    void theOpenApiDocumentDeclaresTheAdminBearerSchemeOnTheAdminApiOnly() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.admin-token.type", equalTo("http"))
                .body("components.securitySchemes.admin-token.scheme", equalTo("bearer"))
                .body("paths.'/api/events'.get.security[0]", hasKey("admin-token"))
                .body("paths.'/api/actions/{id}/retry'.post.security[0]", hasKey("admin-token"))
                .body("paths.'/webhooks/truust'.post.security", org.hamcrest.Matchers.nullValue());
    }

    private static void post(String order, String type, int status) {
        Calls.truust().body(Payloads.published(order)).post("/webhooks/truust/" + type).then().statusCode(status);
    }

    @Test
    void anOversizedBodyIsCountedAsTooLarge() {
        double tooLarge = Metrics.value(REJECTED, "reason=\"too-large\"");
        Calls.truust().body("{\"pad\": \"" + "x".repeat(5000) + "\"}").post("/webhooks/truust").then().statusCode(413);
        assertEquals(tooLarge + 1, Metrics.value(REJECTED, "reason=\"too-large\""));
    }
}
