package com.truustrules.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void processedEventsPastTheAgeAreDeletedAndNewerOnesKept() throws Exception {
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        clock.set(old);
        String oldId = Calls.truust().body(Payloads.published("66000001")).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
        com.truustrules.support.Await.until("old event processed", () -> db.count(
                "SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = 'PROCESSED'", UUID.fromString(oldId)) == 1);
        clock.set(old.plus(Duration.ofDays(91)));
        String newId = Calls.truust().body(Payloads.published("66000002")).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
        retention.purge();
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ?", UUID.fromString(oldId)));
        assertEquals(0, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", UUID.fromString(oldId)));
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ?", UUID.fromString(newId)));
    }
}
