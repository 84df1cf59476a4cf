package com.truustrules.truust;

import static com.truustrules.support.Calls.admin;
import static com.truustrules.support.Calls.truust;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.support.Await;
import com.truustrules.support.Db;
import com.truustrules.support.Metrics;
import com.truustrules.truust.fake.FakeTruust;
import com.truustrules.truust.reconcile.Reconciliation;
import com.truustrules.truust.reconcile.RunSummary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation against the fake Truust (issue 11 item 7): an order paid while the service was
 * down reaches the rules once however often it runs, one we heard of is left alone, a webhook after
 * it is a duplicate, pages are followed, and Truust going away in the middle of a run loses nothing.
 */
@QuarkusTest
@TestProfile(ReconcileProfile.class)
class ReconciliationTest {

    static final FakeTruust FAKE = TruustApiProfile.SERVER.fake();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(ReconcileProfile.SMTP_PORT, "127.0.0.1", "smtp"));
    /** Each direct run takes a slot of its own, far from the tick's: runs of one slot are refused. */
    static final AtomicLong SLOTS = new AtomicLong();

    @Inject
    Db db;

    @Inject
    TruustApi api;

    @Inject
    Reconciliation reconciliation;

    @BeforeAll
    static void smtpUp() {
        SMTP.start();
    }

    @AfterAll
    static void smtpDown() {
        SMTP.stop();
    }

    @BeforeEach
    void healthy() throws Exception {
        FAKE.reset();
        TruustApiTest.awaitClosedCircuit(api);
        FAKE.reset();
    }

    private RunSummary reconcile() {
        return reconciliation.run(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(SLOTS.incrementAndGet())).orElseThrow();
    }

    /** Truust answers again, on a reset circuit breaker (see TruustApiTest.awaitClosedCircuit). */
    private void truustBack() throws Exception {
        FAKE.outage(0);
        TruustApiTest.awaitClosedCircuit(api);
    }

    private static void paid(String order) {
        FAKE.addOrder(order, "PUBLISHED", "cus_ana", "cus_shop");
    }

    private long events(String order, String source) {
        return db.count("SELECT COUNT(*) FROM inbound_event WHERE order_id = ? AND source = ?", order, source);
    }

    private String eventId(String order) {
        return admin().get("/api/events?source=reconciliation&limit=1000").then().statusCode(200).extract().jsonPath()
                .getString("items.find { it.orderId == '" + order + "' }.id");
    }

    private static String status(String id) {
        return admin().get("/api/events/" + id).then().statusCode(200).extract().path("status");
    }

    private static List<String> mailSubjects(String order) {
        return Arrays.stream(SMTP.getReceivedMessages()).map(ReconciliationTest::subject)
                .filter(s -> s.startsWith("paid " + order + " ")).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String webhook(String order) {
        return """
                {"escrow": {"id": "%s", "name": "x", "amount": 10, "currency": "EUR", "status": "PUBLISHED"}, "platform": "demo"}"""
                .formatted(order);
    }

    @Test
    void orderPaidWhileDownReachesTheRulesOnce() {
        paid("9300001");
        RunSummary first = reconcile();
        assertEquals(1, first.eventsAdded());
        assertEquals(1, first.ordersSeen(), "the samples were created before the lookback");
        assertNull(first.error());
        String id = eventId("9300001");
        Await.until("the synthetic event is processed", Duration.ofSeconds(20), () -> "PROCESSED".equals(status(id)));
        Await.until("the paid mail", Duration.ofSeconds(15), () -> mailSubjects("9300001").size() == 1);
        assertEquals("paid 9300001 (reconciliation)", mailSubjects("9300001").get(0));
        admin().get("/api/events/" + id).then().body("type", equalTo("order.published"))
                .body("dedupKey", equalTo("reconcile:order.published:9300001"));
        String body = admin().get("/api/events/" + id).then().extract().path("body");
        assertTrue(body.contains("\"source\":\"reconciliation\"") && body.contains("\"status\":\"PUBLISHED\""), body);

        RunSummary second = reconcile();
        assertEquals(0, second.eventsAdded());
        assertEquals(1, second.ordersSeen());
        assertEquals(1, events("9300001", "reconciliation"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = 'paid-mail' AND event_id = ?",
                java.util.UUID.fromString(id)));
        assertEquals(1, mailSubjects("9300001").size());
    }

    @Test
    void aSlotRunsOnceAcrossInstances() {
        db.execute("INSERT INTO reconcile_run (slot, started_at) VALUES (TIMESTAMP WITH TIME ZONE '1999-01-01 00:00:00+00', "
                + "TIMESTAMP WITH TIME ZONE '1999-01-01 00:00:00+00')");
        Instant slot = Instant.parse("1999-06-01T00:00:00Z");
        assertTrue(reconciliation.run(slot).isPresent());
        assertTrue(reconciliation.run(slot).isEmpty(), "another instance (or tick) finds the slot taken");
        reconciliation.tick();
        reconciliation.tick();
        assertEquals(1, db.count("SELECT COUNT(*) FROM reconcile_run WHERE slot > ?", Instant.parse("2020-01-01T00:00:00Z")
                .atOffset(java.time.ZoneOffset.UTC)), "two ticks in one interval: one run");
        assertEquals(0, db.count("SELECT COUNT(*) FROM reconcile_run WHERE started_at < ?",
                Instant.parse("2000-01-01T00:00:00Z").atOffset(java.time.ZoneOffset.UTC)), "a run of 1999 is forgotten");
        assertEquals(1, db.count("SELECT COUNT(*) FROM reconcile_run WHERE slot = ?", slot.atOffset(java.time.ZoneOffset.UTC)));
    }

    @Test
    void orderWeHeardAboutIsLeftAlone() {
        paid("9300002");
        String id = truust().body(webhook("9300002")).post("/webhooks/truust/order-published").then().statusCode(202)
                .extract().path("id");
        Await.until("the webhook's event is processed", Duration.ofSeconds(20), () -> "PROCESSED".equals(status(id)));
        assertEquals(0, reconcile().eventsAdded());
        assertEquals(1, events("9300002", "webhook"));
        assertEquals(0, events("9300002", "reconciliation"));
        Await.until("the paid mail", Duration.ofSeconds(15), () -> mailSubjects("9300002").size() == 1);
        assertEquals("paid 9300002 ()", mailSubjects("9300002").get(0));
    }

    @Test
    void webhookAfterReconciliationIsADuplicate() {
        paid("9300003");
        assertEquals(1, reconcile().eventsAdded());
        String synthetic = eventId("9300003");
        truust().body(webhook("9300003")).post("/webhooks/truust/order-published").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("id", equalTo(synthetic));
        // another notification about the order is news, and stored as such
        truust().body(webhook("9300003").replace("PUBLISHED", "ACCEPTED")).post("/webhooks/truust/order-accepted")
                .then().statusCode(202).body("duplicate", equalTo(false));
        Await.until("the synthetic event is processed", Duration.ofSeconds(20), () -> "PROCESSED".equals(status(synthetic)));
        Await.until("the paid mail", Duration.ofSeconds(15), () -> mailSubjects("9300003").size() == 1);
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE order_id = '9300003' AND type = 'order.published'"));
        assertEquals(1, mailSubjects("9300003").size());
    }

    @Test
    void pagesAreFollowedAndStatusesWithoutNotificationSkipped() {
        for (int i = 1; i <= 5; i++) {
            paid("930010" + i);
        }
        FAKE.addOrder("9300110", "ACCEPTED", "cus_ana", "cus_shop");
        FAKE.addOrder("9300111", "PENDING_RELEASE", "cus_ana", "cus_shop");
        FAKE.putOrder(Map.of("id", "../9300112", "status", "PUBLISHED", "created_at", Instant.now().toString()));
        RunSummary run = reconcile();
        assertNull(run.error());
        assertEquals(6, run.ordersSeen(), "5 paid (three pages of two, with one that is no Truust id) and 1 accepted; "
                + "PENDING_RELEASE is not listed");
        assertEquals(6, run.eventsAdded());
        assertTrue(FAKE.reads("orders") >= 3 + 5, "three pages of PUBLISHED, one (empty or not) per other status");
        for (int i = 1; i <= 5; i++) {
            assertEquals(1, events("930010" + i, "reconciliation"));
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE order_id = '9300110' AND type = 'order.accepted'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE order_id = '9300111'"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE '%../9300112%'"));
        Await.until("five paid mails", Duration.ofSeconds(30),
                () -> Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).matches("paid 93001\\d\\d .*")).count() == 5);
    }

    @Test
    void truustAwayDuringARunLosesNothingAndALaterRunCatchesUp() throws Exception {
        for (int i = 1; i <= 5; i++) {
            paid("930020" + i);
        }
        double failures = Metrics.value("truust_reconcile_failures_total");
        FAKE.outage(503);
        RunSummary down = reconcile();
        assertNotNull(down.error());
        assertEquals(0, down.eventsAdded());

        truustBack();
        FAKE.outageAfter(1); // the first page answers, the second does not
        RunSummary halfway = reconcile();
        assertNotNull(halfway.error(), "Truust went away during the run");
        assertEquals(2, halfway.eventsAdded(), "the first page's orders are stored");
        assertTrue(Metrics.value("truust_reconcile_failures_total") >= failures + 2);

        truustBack();
        RunSummary later = reconcile();
        assertNull(later.error());
        assertEquals(3, later.eventsAdded(), "the rest, and nothing twice");
        for (int i = 1; i <= 5; i++) {
            assertEquals(1, events("930020" + i, "reconciliation"));
        }
        Await.until("five paid mails, once each", Duration.ofSeconds(45),
                () -> Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject(m).matches("paid 93002\\d\\d .*")).count() == 5);
    }

    @Test
    void adminApiShowsWhatReconciliationAdded() {
        paid("9300301");
        RunSummary run = reconcile();
        String id = eventId("9300301");
        admin().get("/api/events?source=reconciliation").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.source", everyItem(equalTo("reconciliation")));
        admin().get("/api/events?source=webhook").then().statusCode(200).body("items.id", not(hasItem(id)));
        admin().get("/api/events?source=carrier-pigeon").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("source must be one of [webhook, reconciliation]"));
        admin().get("/api/stats").then().statusCode(200)
                .body("reconciliation.events", greaterThanOrEqualTo(1))
                .body("reconciliation.lastRun.slot", equalTo(run.slot().toString()))
                .body("reconciliation.lastRun.eventsAdded", equalTo(1))
                .body("reconciliation.lastRun.ordersSeen", equalTo(1));
        assertTrue(Metrics.value("truust_reconcile_runs_total") >= 1);
        assertTrue(Metrics.value("truust_reconcile_events_added_total") >= 1);
        assertTrue(Metrics.value("truust_reconcile_orders_seen_total") >= 1);
    }
}
