package com.truustrules.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatsResourceTest {

    @Inject
    Db db;

    @Test
    void countsMatchTheRows() {
        Calls.truust().body(Payloads.published("67000001")).post("/webhooks/truust/order-published").then().statusCode(202);
        // Compare once nothing moves: every event processed, so no firing is being added meanwhile.
        com.truustrules.support.Await.until("all events processed",
                () -> db.count("SELECT COUNT(*) FROM inbound_event WHERE status = 'RECEIVED'") == 0);
        JsonPath stats = Calls.admin().get("/api/stats").then().statusCode(200).extract().jsonPath();
        long events = stats.getMap("events").values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
        assertEquals(db.count("SELECT COUNT(*) FROM inbound_event"), events);
        assertEquals(db.count("SELECT COUNT(*) FROM rule_firing"), stats.getLong("firings"));
        io.restassured.RestAssured.get("/api/stats").then().statusCode(401);
    }
}
