package com.truustrules.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.rule.FailingFiringState;
import com.truustrules.rule.FiringState;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * New events are processed in the transaction that stores them; when that fails, the event is
 * still stored and acknowledged, and the claiming processor takes it up once it can.
 */
@QuarkusTest
class InlineProcessingTest {

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    @Test
    void anAcknowledgedEventIsAlreadyProcessedWithItsActionsQueued() {
        UUID id = post("82000001");
        // No waiting: the 202 came after the commit that also ran the rules.
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = 'PROCESSED' "
                + "AND attempts = 1 AND processed_at IS NOT NULL", id));
        assertRulesRan(id, 1);
    }

    @Test
    void aFailureWhileProcessingLeavesTheEventStoredForTheProcessor() throws Exception {
        FailingFiringState failing = new FailingFiringState(json);
        QuarkusMock.installMockForType(failing, FiringState.class);

        UUID id = post("82000002");
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = 'RECEIVED' AND attempts = 1 "
                + "AND processed_at IS NULL AND error LIKE 'rule notify-cancelled: SQLException: simulated failure%'", id));
        assertEquals(1, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", id), "the failed run is on record");
        assertFired(id, 0);

        failing.heal();
        Await.until("the processor to take the event up after its backoff", Duration.ofSeconds(60), () -> db.count(
                "SELECT COUNT(*) FROM inbound_event WHERE id = ? AND status = 'PROCESSED' AND error IS NULL", id) == 1);
        assertEquals(2, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", id));
        assertFired(id, 1);
    }

    /** The event's evaluation records, notify-cancelled's firings and its (one) queued action: each {@code times}. */
    private void assertRulesRan(UUID id, int times) {
        assertEquals(times, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", id));
        assertFired(id, times);
    }

    /** notify-cancelled's firings and its (one) queued action: each {@code times}. */
    private void assertFired(UUID id, int times) {
        assertEquals(times, db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'notify-cancelled' AND event_id = ?", id));
        assertEquals(times, db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = 'notify-cancelled' AND event_id = ?", id));
    }

    private static UUID post(String order) {
        String id = Calls.truust().body(Payloads.read("order-cancelled-sample").replace("8810240", order))
                .post("/webhooks/truust/order-cancelled").then().statusCode(202).extract().path("id");
        return UUID.fromString(id);
    }
}
