package com.truustrules.truust;

import static com.truustrules.support.Calls.admin;
import static com.truustrules.support.Calls.truust;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Await;
import com.truustrules.truust.fake.FakeTruust;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without confirmation, a rule that reads nothing from Truust costs no call and is not held back by an
 * outage; a forged order is no longer refused, its buyer simply reads as null.
 */
@QuarkusTest
@TestProfile(UnconfirmedOffProfile.class)
class NoCallNeededTest {

    static final FakeTruust FAKE = TruustApiProfile.SERVER.fake();

    @Inject
    TruustApi api;

    @AfterEach
    void healthy() throws Exception {
        FAKE.reset();
        TruustApiTest.awaitClosedCircuit(api);
    }

    private static String status(String id) {
        return admin().get("/api/events/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void ruleReadingNothingFromTruustRunsDuringAnOutageWithoutACall() {
        FAKE.reset();
        FAKE.outage(503);
        String body = "{\"escrow\": {\"id\": \"8810240\", \"status\": \"CANCELLED\", \"metadata\": {\"n\": \"%s\"}}}"
                .formatted(UUID.randomUUID());
        String id = truust().body(body).post("/webhooks/truust/order.cancelled").then().statusCode(202).extract().path("id");
        Await.until("processed at once", Duration.ofSeconds(10), () -> "PROCESSED".equals(status(id)));
        assertEquals(0, FAKE.reads("order"), "no call for a rule that reads nothing from Truust");
    }

    @Test
    void unknownOrderWithoutConfirmationLeavesTheBuyerNull() {
        FAKE.reset();
        String id = truust().body(EnrichmentTest.published("4040405", UUID.randomUUID().toString()))
                .post("/webhooks/truust/order.published").then().statusCode(202).extract().path("id");
        Await.until("processed", Duration.ofSeconds(15), () -> "PROCESSED".equals(status(id)));
        admin().get("/api/events/" + id).then()
                .body("evaluations[0].results[0].outcome", org.hamcrest.Matchers.equalTo("NOT_MATCHED"))
                .body("evaluations[0].results[0].read['buyer.email']", org.hamcrest.Matchers.nullValue());
    }
}
