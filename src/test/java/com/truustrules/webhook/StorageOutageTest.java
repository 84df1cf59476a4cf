package com.truustrules.webhook;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Storage that cannot take the event: the call gets 503 and Retry-After, never a 2xx, and nothing is half-stored. */
@QuarkusTest
class StorageOutageTest {

    @Inject
    Db db;

    @Test
    void whenStorageFailsTheCallIs503AndNothingIsStored() {
        String body = Payloads.published("77000001");
        db.execute("ALTER TABLE inbound_event RENAME TO inbound_event_away");
        try {
            Calls.truust().body(body).post("/webhooks/truust/order-published")
                    .then().statusCode(503)
                    .header("Retry-After", "5")
                    .contentType("application/problem+json")
                    .body("detail", equalTo("the event could not be stored; retry later"));
        } finally {
            db.execute("ALTER TABLE inbound_event_away RENAME TO inbound_event");
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE '%77000001%'"));
        // Storage is back: the retry Truust makes is accepted as a new event.
        Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202);
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE '%77000001%'"));
    }
}
