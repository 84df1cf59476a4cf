package com.truustrules.truust;

import static com.truustrules.support.Calls.admin;
import static com.truustrules.support.Calls.truust;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.support.Await;
import com.truustrules.support.Db;
import com.truustrules.truust.fake.FakeTruust;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks through enrichment and confirmation against the fake Truust: the buyer Truust knows gets
 * the mail, a forged order and a status mismatch are UNCONFIRMED with no action, an outage leaves
 * events PENDING until Truust is back and loses nothing, and a burst about one order reads it once.
 */
@QuarkusTest
@TestProfile(EnrichmentProfile.class)
class EnrichmentTest {

    static final FakeTruust FAKE = TruustApiProfile.SERVER.fake();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(EnrichmentProfile.SMTP_PORT, "127.0.0.1", "smtp"));

    @Inject
    Db db;

    @Inject
    TruustApi api;

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

    /** An order.published body naming {@code order} and carrying no e-mail at all. */
    static String published(String order, String nonce) {
        return """
                {"escrow": {"id": "%s", "name": "x", "amount": 10, "currency": "EUR", "status": "PUBLISHED",
                 "metadata": {"nonce": "%s"}}, "platform": "demo"}""".formatted(order, nonce);
    }

    private static String post(String type, String body) {
        return truust().body(body).post("/webhooks/truust/" + type).then().statusCode(202).extract().path("id");
    }

    private static String status(String id) {
        return admin().get("/api/events/" + id).then().statusCode(200).extract().path("status");
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Test
    void genuineOrderMailsTheBuyerTruustKnows() throws Exception {
        String id = post("order.published", published("8810231", UUID.randomUUID().toString()));
        Await.until("the event is processed", Duration.ofSeconds(15), () -> "PROCESSED".equals(status(id)));
        Await.until("the buyer's mail", Duration.ofSeconds(15), () -> mailsTo("ana.garcia@example.com").size() == 1);
        assertEquals("Thanks Ana: order 8810231 paid at 2026-11-27T09:30:00Z", mailsTo("ana.garcia@example.com").get(0).getSubject());
        admin().get("/api/events/" + id).then().body("evaluations[0].results[0].outcome", equalTo("FIRED"))
                .body("evaluations[0].results[0].read['buyer.email']", equalTo("ana.garcia@example.com"));
    }

    @Test
    void forgedOrderIsUnconfirmedAndRunsNoRule() {
        String id = post("order.published", published("4040404", UUID.randomUUID().toString()));
        Await.until("the event is judged", Duration.ofSeconds(15), () -> "UNCONFIRMED".equals(status(id)));
        admin().get("/api/events/" + id).then().body("error", equalTo("Truust does not know order 4040404"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM action_job WHERE event_id = ?", UUID.fromString(id)));
        assertEquals(0, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", UUID.fromString(id)));
        admin().get("/api/events?status=unconfirmed").then().statusCode(200).body("items.id", hasItem(id));
        // a replay asks Truust again (it waits for the answer as PENDING): still unknown, still UNCONFIRMED, no rule ran
        int reads = FAKE.reads("order", "4040404");
        admin().post("/api/events/" + id + "/replay").then().statusCode(200).body("status", equalTo("PENDING"));
        Await.until("the replay is judged", Duration.ofSeconds(15), () -> "UNCONFIRMED".equals(status(id)));
        admin().get("/api/events/" + id).then().body("error", equalTo("Truust does not know order 4040404"));
        assertEquals(reads + 1, FAKE.reads("order", "4040404"), "the replay read the order again, once");
        assertEquals(0, db.count("SELECT COUNT(*) FROM event_evaluation WHERE event_id = ?", UUID.fromString(id)));
        // readiness counts it, without calling the instance degraded for it: anyone can forge a webhook
        io.restassured.path.json.JsonPath events = io.restassured.path.json.JsonPath.from(
                io.restassured.RestAssured.get("/q/health/ready").then().extract().asString())
                .setRootPath("checks.find { it.name == 'events' }");
        assertTrue(events.getLong("data.unconfirmed") >= 1);
        org.junit.jupiter.api.Assertions.assertNotNull(events.get("data.pending"));
    }

    /** A cached 404 once kept a replay UNCONFIRMED after Truust had learnt the order: a replay reads it afresh. */
    @Test
    void replayAfterTruustLearntTheOrderRunsTheRules() {
        String order = "55000" + (System.nanoTime() % 100_000);
        String id = post("order.published", published(order, UUID.randomUUID().toString()));
        Await.until("the event is judged", Duration.ofSeconds(15), () -> "UNCONFIRMED".equals(status(id)));
        FAKE.addCustomer("cus_late", "late.buyer@example.com");
        FAKE.addOrder(order, "PUBLISHED", "cus_late", "cus_shop");
        admin().post("/api/events/" + id + "/replay").then().statusCode(200).body("status", equalTo("PENDING"));
        Await.until("the replayed event runs", Duration.ofSeconds(15), () -> "PROCESSED".equals(status(id)));
        Await.until("the buyer's mail", Duration.ofSeconds(15), () -> mailsTo("late.buyer@example.com").size() == 1);
        assertEquals(2, FAKE.reads("order", order), "the first check and the replay's");
    }

    @Test
    void orderStillDraftContradictsAPaidNotification() {
        String id = post("order.published", published("8810299", UUID.randomUUID().toString()));
        Await.until("the event is judged", Duration.ofSeconds(15), () -> "UNCONFIRMED".equals(status(id)));
        admin().get("/api/events/" + id).then().body("error", startsWith("Truust says order 8810299 is DRAFT"));
        assertTrue(mailsTo("nobody").isEmpty());
    }

    @Test
    void outageHoldsEventsPendingThenRunsThemOnce() {
        FAKE.addCustomer("cus_outage", "outage.buyer@example.com");
        FAKE.addOrder("5500001", "PUBLISHED", "cus_outage", "cus_shop");
        FAKE.outage(503);
        String id = post("order.published", published("5500001", UUID.randomUUID().toString()));
        Await.until("the event waits", Duration.ofSeconds(15), () -> "PENDING".equals(status(id)));
        admin().get("/api/events?status=pending").then().statusCode(200).body("items.id", hasItem(id));
        admin().get("/api/stats").then().statusCode(200).body("events.PENDING", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        assertTrue(mailsTo("outage.buyer@example.com").isEmpty());
        admin().post("/api/events/" + id + "/replay").then().statusCode(409); // the processor owns a PENDING event
        FAKE.outage(0);
        Await.until("the event runs once Truust is back", Duration.ofSeconds(30), () -> "PROCESSED".equals(status(id)));
        Await.until("the buyer's mail", Duration.ofSeconds(15), () -> mailsTo("outage.buyer@example.com").size() == 1);
    }

    @Test
    void burstAboutOneOrderReadsItOnce() {
        FAKE.addCustomer("cus_burst", "burst.buyer@example.com");
        FAKE.addOrder("5500002", "PUBLISHED", "cus_burst", "cus_shop");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(post("order.published", published("5500002", "n" + i)));
        }
        Await.until("all processed", Duration.ofSeconds(30), () -> ids.stream().allMatch(i -> "PROCESSED".equals(status(i))));
        assertEquals(1, FAKE.reads("order", "5500002"));
        assertEquals(1, FAKE.reads("customer", "cus_burst"));
        assertTrue(FAKE.reads("customer", "cus_shop") <= 1);
    }
}
