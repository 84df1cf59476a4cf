package com.truustrules.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.AppProcess;
import com.truustrules.support.Calls;
import com.truustrules.support.ItConfig;
import com.truustrules.support.Payloads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest path against the packaged application (jar now, the native binary later): HTTP only, no CDI. */
@QuarkusIntegrationTest
@WithTestResource(ItConfig.class)
class WebhookIT {

    @Test
    void aValidCallIsStoredAndAnswered202() {
        String id = post("71000001", "order-published").then().statusCode(202)
                .body("type", equalTo("order.published"))
                .body("duplicate", equalTo(false))
                .extract().path("id");
        Calls.admin().get("/api/events/" + id).then().statusCode(200)
                .body("type", equalTo("order.published"))
                .body("status", org.hamcrest.Matchers.oneOf("RECEIVED", "PROCESSED"))
                .body("body", equalTo(Payloads.published("71000001")));
    }

    @Test
    void theSameCallAgainIsADuplicateOfTheFirst() {
        String first = post("71000002", "EscrowPublished").then().statusCode(202).extract().path("id");
        int stored = storedEvents();
        post("71000002", "order.published").then().statusCode(200)
                .body("id", equalTo(first))
                .body("duplicate", equalTo(true));
        assertEquals(stored, storedEvents());
    }

    @Test
    void aCallThatCannotBeVerifiedIs401AndStoresNothing() {
        int stored = storedEvents();
        given().contentType("application/json").header("X-Truust-Secret", "not-it").body(Payloads.published("71000003"))
                .post("/webhooks/truust").then().statusCode(401)
                .contentType("application/problem+json")
                .body("detail", equalTo("the call could not be verified"));
        given().contentType("application/json").body(Payloads.published("71000003")).post("/webhooks/truust")
                .then().statusCode(401);
        assertEquals(stored, storedEvents());
    }

    @Test
    void aBodyThatIsNotOneJsonObjectIs400() {
        Calls.truust().body("{\"escrow\": ").post("/webhooks/truust").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("the body is not valid JSON"));
        Calls.truust().body("[{}]").post("/webhooks/truust").then().statusCode(400)
                .body("detail", equalTo("the body must be a JSON object, not array"));
        Calls.truust().body("").post("/webhooks/truust").then().statusCode(400)
                .body("detail", equalTo("the body is empty; a JSON object is expected"));
    }

    @Test
    void anOversizedBodyIs413() {
        Calls.truust().body("{\"pad\": \"" + "x".repeat(5000) + "\"}").post("/webhooks/truust").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body is larger than 4096 bytes"));
    }

    @Test
    void aBodyNotTypedAsJsonIs415() {
        given().contentType("text/plain").header("X-Truust-Secret", Calls.SECRET).body(Payloads.published("71000004"))
                .post("/webhooks/truust").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", startsWith("the body must be sent as application/json"));
    }

    @Test
    void withoutAnyCheckConfiguredTheServiceRefusesToStart() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-open"));
        Map<String, String> config = new HashMap<>(ItConfig.storage(dir.resolve("data"), false));
        config.put("truust.rules.dir", ItConfig.emptyRulesDir().toString());
        config.put("truust.rules.allow-empty", "true");
        try (AppProcess app = AppProcess.start(config, dir.resolve("refused.log"))) {
            assertTrue(app.awaitExit(Duration.ofSeconds(60)) > 0, "the service started open:\n" + app.log());
            assertTrue(app.log().contains(WebhookVerifier.OPEN_REFUSAL), app.log());
        }
        try (AppProcess app = AppProcess.start(config, Map.of("TRUUST_WEBHOOK_ALLOW_UNVERIFIED", "true"),
                dir.resolve("allowed.log"))) {
            app.awaitReady(Duration.ofSeconds(60));
            String order = Long.toString(System.currentTimeMillis()); // the data folder outlives a run
            given().baseUri(app.baseUri()).contentType("application/json").body(Payloads.published(order))
                    .post("/webhooks/truust/order-published").then().statusCode(202);
        }
    }

    private static io.restassured.response.Response post(String order, String type) {
        return Calls.truust().body(Payloads.published(order)).post("/webhooks/truust/" + type);
    }

    private static int storedEvents() {
        return Calls.admin().queryParam("limit", 1000).get("/api/events").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
    }
}
