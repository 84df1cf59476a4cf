package com.truustrules.truust;

import static com.truustrules.support.Calls.admin;
import static com.truustrules.support.Calls.truust;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.event.EventProcessor;
import com.truustrules.event.EventRuns;
import com.truustrules.support.Await;
import com.truustrules.support.Db;
import com.truustrules.truust.fake.FakeTruust;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's "done when", with the repository's own promo rule (rules/first-day-buyers.yaml) and
 * the fake Truust on its own port: a genuine order.published webhook with no e-mail in its body
 * mails a code to the buyer Truust knows; a forged one (unknown order, DRAFT order) is UNCONFIRMED
 * and queues nothing; an outage holds the event PENDING with nothing queued, and once Truust answers
 * again the buyer gets exactly one mail. (EnrichmentTest covers the same paths with a rule of its own.)
 */
@QuarkusTest
@TestProfile(PromoProfile.class)
class PromoThroughTruustTest {

    static final FakeTruust FAKE = TruustApiProfile.SERVER.fake();
    static final GreenMail SMTP = new GreenMail(new ServerSetup(PromoProfile.SMTP_PORT, "127.0.0.1", "smtp"));
    static final AtomicLong ORDERS = new AtomicLong(6_600_000);

    @Inject
    Db db;

    @Inject
    TruustApi api;

    @Inject
    TruustLookups lookups;

    @Inject
    EventProcessor processor;

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

    /** A paid order Truust knows, its buyer's address known only to Truust; returns the order id. */
    private static String knownOrder(String buyerEmail) {
        String order = Long.toString(ORDERS.incrementAndGet());
        FAKE.addCustomer("cus_" + order, buyerEmail);
        FAKE.addOrder(order, "PUBLISHED", "cus_" + order, "cus_shop");
        return order;
    }

    private static String post(String order) {
        return truust().body(EnrichmentTest.published(order, UUID.randomUUID().toString())).post("/webhooks/truust/order.published")
                .then().statusCode(202).extract().path("id");
    }

    private static String status(String id) {
        return admin().get("/api/events/" + id).then().statusCode(200).extract().path("status");
    }

    private long jobs(String eventId) {
        return db.count("SELECT COUNT(*) FROM action_job WHERE event_id = ?", UUID.fromString(eventId));
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
    void genuineWebhookWithoutAnEmailMailsACodeToTheBuyerTruustKnows() throws Exception {
        String id = post("8810231"); // the sample order: its buyer, cus_ana, is ana.garcia@example.com at Truust only
        Await.until("the promo mail", Duration.ofSeconds(60), () -> mailsTo("ana.garcia@example.com").size() == 1);
        MimeMessage mail = mailsTo("ana.garcia@example.com").get(0);
        assertTrue(mail.getSubject().startsWith("Thank you! Your code: BF26-"), mail.getSubject());
        assertTrue(((MimeMultipart) mail.getContent()).getBodyPart(0).getContent().toString().contains("Hello Ana,"));
        admin().get("/api/events/" + id).then().body("status", equalTo("PROCESSED"))
                .body("evaluations[-1].results.find { it.rule == 'first-day-buyers' }.outcome", equalTo("FIRED"))
                .body("evaluations[-1].results.find { it.rule == 'first-day-buyers' }.oncePer", equalTo("ana.garcia@example.com"));
    }

    /** With a key, a dry run asks Truust for what the rules read (and writes nothing, mails nobody). */
    @Test
    void aDryRunFetchesTheOrderAndBuyerFromTruust() {
        String body = EnrichmentTest.published("8810232", "dry-run");
        admin().contentType("application/json").body("{\"type\": \"order.published\", \"at\": \"2026-12-05T10:00:00Z\", \"body\": "
                + body + "}").post("/api/rules/test").then().statusCode(200)
                .body("truustFacts", equalTo("truust"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("MATCHED"))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.read.'buyer.email'", equalTo("li.wei@example.com"));
        assertTrue(mailsTo("li.wei@example.com").isEmpty());
        FAKE.outage(503);
        admin().contentType("application/json").body("{\"type\": \"order.published\", \"body\": "
                + EnrichmentTest.published("6699001", "dry-run") + "}").post("/api/rules/test").then().statusCode(200)
                .body("truustFacts", org.hamcrest.Matchers.startsWith("none: Truust "))
                .body("evaluations.find { it.rule == 'first-day-buyers' }.outcome", equalTo("NOT_MATCHED"));
    }

    @Test
    void forgedWebhooksAreUnconfirmedAndQueueNothing() {
        String unknown = post("4040777");
        String draft = post("8810299");
        Await.until("both judged", Duration.ofSeconds(20),
                () -> "UNCONFIRMED".equals(status(unknown)) && "UNCONFIRMED".equals(status(draft)));
        admin().get("/api/events/" + unknown).then().body("error", equalTo("Truust does not know order 4040777"));
        admin().get("/api/events/" + draft).then().body("error", equalTo(
                "Truust says order 8810299 is DRAFT, earlier than order.published claims"));
        assertEquals(0, jobs(unknown) + jobs(draft));
    }

    @Test
    void anOutageDelaysThePromoAndLosesNothing() {
        String buyer = "outage-" + UUID.randomUUID() + "@example.com";
        String order = knownOrder(buyer);
        FAKE.outage(503);
        String id = post(order);
        Await.until("the event waits", Duration.ofSeconds(15), () -> "PENDING".equals(status(id)));
        assertEquals(0, jobs(id));
        FAKE.outage(0);
        // Truust is back: the next answer it gives (here about another buyer's order) makes every PENDING event due.
        String other = post(knownOrder("other-" + UUID.randomUUID() + "@example.com"));
        Await.until("both run", Duration.ofSeconds(60), () -> "PROCESSED".equals(status(id)) && "PROCESSED".equals(status(other)));
        Await.until("the promo mail", Duration.ofSeconds(20), () -> mailsTo(buyer).size() == 1);
        assertEquals(2, jobs(id), "promo-code and email, once");
        assertEquals(1, mailsTo(buyer).size());
    }

    /**
     * The release race: an event's hold (PENDING) decided before Truust answered but committed after the
     * processor handled the answer's notice once waited the whole pending-retry (30 s here). The hold's
     * commit is played here step by step: the row is kept out of sight while the answer is handled.
     */
    @Test
    void anEventHeldJustBeforeAnAnswerRunsPromptlyOnceItsHoldCommits() throws Exception {
        String buyer = "race-" + UUID.randomUUID() + "@example.com";
        String order = knownOrder(buyer);
        FAKE.outage(503);
        String id = post(order);
        Await.until("the event waits", Duration.ofSeconds(15), () -> "PENDING".equals(status(id)));
        db.execute("UPDATE inbound_event SET status = 'UNCONFIRMED' WHERE id = '" + id + "'"); // not committed yet
        FAKE.outage(0);
        lookups.order(order).get(10, TimeUnit.SECONDS); // Truust answers; its notice finds nothing PENDING
        Thread.sleep(2000); // the notice is handled (and a sweep runs) before the hold commits
        db.execute("UPDATE inbound_event SET status = 'PENDING' WHERE id = '" + id + "'"); // the hold commits
        processor.committed(new EventRuns.Batch(0, 0, 0, 1)); // as the storing transaction does after its commit
        Await.until("the event runs well before its 30 s wait ends", Duration.ofSeconds(8), () -> "PROCESSED".equals(status(id)));
        Await.until("the promo mail", Duration.ofSeconds(20), () -> mailsTo(buyer).size() == 1);
    }
}
