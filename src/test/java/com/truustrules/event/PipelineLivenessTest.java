package com.truustrules.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.rule.FiringState;
import com.truustrules.rule.PoisonFiringState;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 9, defect 2: liveness said UP while ingest was dead. It is DOWN when a pipeline thread is
 * stuck on one batch past the stall timeout, and when one is gone. An application of its own, since
 * the last test ends its writer for good.
 */
@QuarkusTest
@TestProfile(PipelineLivenessTest.QuickStall.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineLivenessTest {

    /** A pipeline thread busy for more than a second is stuck. */
    public static class QuickStall implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.processor.stall-timeout", "PT1S");
        }
    }

    @Inject
    EventWriter writer;

    @Inject
    ObjectMapper json;

    @Test
    @Order(1)
    void aWriterStuckOnOneBatchIsDown() throws InterruptedException {
        PoisonFiringState poison = new PoisonFiringState(json);
        QuarkusMock.installMockForType(poison, FiringState.class);
        CountDownLatch release = poison.block(id -> true);
        Thread call = new Thread(() -> Calls.truust().body(Payloads.read("order-cancelled-sample"))
                .post("/webhooks/truust/order-cancelled"));
        call.start();
        try {
            Await.until("liveness DOWN", () -> given().get("/q/health/live").statusCode() == 503);
            given().get("/q/health/live").then().statusCode(503)
                    .body("checks.find { it.name == 'pipeline' }.data.event-writer", equalTo("stuck"))
                    .body("checks.find { it.name == 'pipeline' }.data.problem", startsWith("event-writer is stuck (busy for "));
        } finally {
            release.countDown();
            call.join();
        }
        Await.until("liveness UP again", () -> given().get("/q/health/live").statusCode() == 200);
    }

    @Test
    @Order(2)
    void aWriterThatIsGoneIsDown() throws InterruptedException {
        given().get("/q/health/live").then().statusCode(200);
        Thread thread = writer.threads().get(0).thread();
        thread.interrupt();
        thread.join(5000);
        given().get("/q/health/live").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'pipeline' }.data.event-writer", equalTo("dead"))
                .body("checks.find { it.name == 'pipeline' }.data.problem", equalTo("event-writer is dead"));
    }
}
