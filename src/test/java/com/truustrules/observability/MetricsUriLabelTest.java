package com.truustrules.observability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Calls;
import com.truustrules.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 8: a call refused before routing (413, 400, 401) put its raw path, path token
 * included, into the uri label of /q/metrics. Labels are fixed templates now.
 */
@QuarkusTest
class MetricsUriLabelTest {

    @Test
    void refusedCallsLeaveNoPathTokenInTheUriLabels() throws IOException {
        String big = "{\"pad\": \"" + "x".repeat(5000) + "\"}";
        Calls.truust().body(big).post("/webhooks/truust/t/" + Calls.PATH_TOKEN + "/order-published").then().statusCode(413);
        Calls.truust().body(big).post("/webhooks/truust/t/" + Calls.PATH_TOKEN).then().statusCode(413);
        given().contentType("application/json").body("{}").post("/webhooks/truust/t/guessed-token-4711/order-published")
                .then().statusCode(401);
        assertEquals(400, RawHttp.send("POST", "/webhooks/truust/t/" + Calls.PATH_TOKEN + "/x;leak-4712", Map.of(), "{}").status());
        assertEquals(400, RawHttp.send("GET", "/q/%6Detrics-leak-4713", Map.of(), null).status());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String secret : new String[] {Calls.PATH_TOKEN, "guessed-token-4711", "leak-4712", "leak-4713"}) {
            assertFalse(metrics.contains(secret), secret + " is in /q/metrics");
        }
        assertTrue(metrics.contains("uri=\"/webhooks/truust/t/{token}/{event}\""), "no templated webhook uri label");
    }
}
