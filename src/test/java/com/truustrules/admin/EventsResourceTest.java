package com.truustrules.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventsResourceTest {

    @Test
    void theApiNeedsTheBearerToken() {
        given().get("/api/events").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("detail", equalTo("a valid bearer token is required"));
        given().header("Authorization", "Bearer wrong").get("/api/events").then().statusCode(401);
        given().header("Authorization", "Basic " + Calls.ADMIN_TOKEN).get("/api/events").then().statusCode(401);
        Calls.admin().get("/api/events").then().statusCode(200);
    }

    @Test
    void listsNewestFirstWithFiltersAndACursor() {
        String first = post("81000001", "order-released");
        String second = post("81000002", "order-released");
        String third = post("81000003", "order-released");
        List<String> page = Calls.admin().queryParam("type", "order.released").queryParam("limit", 2)
                .get("/api/events").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.type", everyItem(equalTo("order.released")))
                .body("next", notNullValue())
                .extract().path("items.id");
        org.junit.jupiter.api.Assertions.assertEquals(List.of(third, second), page);
        Long next = Calls.admin().queryParam("type", "order.released").queryParam("limit", 2)
                .get("/api/events").then().extract().jsonPath().getLong("next");
        Calls.admin().queryParam("type", "order.released").queryParam("limit", 2).queryParam("before", next)
                .get("/api/events").then().statusCode(200).body("items[0].id", equalTo(first));
    }

    @Test
    void oneEventCarriesItsRawBody() {
        String id = post("81000009", "order-released");
        Calls.admin().get("/api/events/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("type", equalTo("order.released"))
                .body("status", org.hamcrest.Matchers.oneOf("RECEIVED", "PROCESSED"))
                .body("body", equalTo(Payloads.read("order-released-sample").replace("8810231", "81000009")));
    }

    @Test
    void badQueriesAre400AndUnknownIdsAre404() {
        Calls.admin().queryParam("limit", 1001).get("/api/events").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("limit must be between 1 and 1000"));
        Calls.admin().queryParam("limit", 0).get("/api/events").then().statusCode(400);
        Calls.admin().queryParam("status", "lost").get("/api/events").then().statusCode(400)
                .body("detail", equalTo("status must be one of [received, processed, failed, pending, unconfirmed]"));
        Calls.admin().queryParam("since", "yesterday").get("/api/events").then().statusCode(400);
        Calls.admin().get("/api/events/00000000-0000-7000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        Calls.admin().get("/api/events/not-an-id").then().statusCode(404);
    }

    private static String post(String order, String type) {
        return Calls.truust().body(Payloads.read("order-released-sample").replace("8810231", order))
                .post("/webhooks/truust/" + type).then().statusCode(202).extract().path("id");
    }
}
