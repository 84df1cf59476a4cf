package com.truustrules.action.email;

import static com.truustrules.action.email.MailTestSupport.buyer;
import static com.truustrules.action.email.MailTestSupport.mailsTo;
import static com.truustrules.action.email.MailTestSupport.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.common.Hashing;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Metrics;
import com.truustrules.support.TempFiles;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promo mail end to end over real SMTP (GreenMail): webhook, rules, dispatcher, SendEmail. The
 * rule is the sample first-day-buyers promo with its window written as plain comparisons and without
 * the promo-code step, so that it runs on the temporary expression layer and without a code pool.
 */
@QuarkusTest
@TestProfile(EmailDeliveryTest.Smtp.class)
class EmailDeliveryTest {

    static final String RULE = "first-day-buyers";
    static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
    static final String RECORD_RETRIES = "truust_actions_record_retries_total";

    /** A rules folder of its own, an SMTP server on a port chosen here, and short retries. */
    public static class Smtp implements QuarkusTestProfile {
        static final int PORT = MailTestSupport.freePort();
        static final Path RULES = TempFiles.dir("truust-mail-rules");

        @Override
        public Map<String, String> getConfigOverrides() {
            TempFiles.write(RULES, "offers.yaml",
                    "offers:\n  black-friday:\n    start: 2026-11-27T00:00:00Z\n    end: 2026-11-28T00:00:00Z\n");
            TempFiles.write(RULES, RULE + ".yaml", "id: " + RULE + "\non: [order.published]\n"
                    + "when: event.receivedAt >= offers['black-friday'].start && event.receivedAt < offers['black-friday'].end"
                    + " && escrow.metadata.buyer_email != null\n"
                    + "once-per: escrow.metadata.buyer_email\nlimit: 500\nactions:\n  - email:\n"
                    + "      to: \"{escrow.metadata.buyer_email}\"\n"
                    + "      subject: \"Thank you, {escrow.metadata.buyer_name}! Order {escrow.id}\"\n"
                    + "      template: promo-thanks\n");
            TempFiles.write(RULES, "templates/promo-thanks.html", "<p>Hello {escrow.metadata.buyer_name ?: 'there'},</p>\n"
                    + "<p>Thank you for your order <strong>{escrow.name}</strong>.</p>\n");
            TempFiles.write(RULES, "daily-report.yaml", "id: daily-report\nschedule: \"0 0 8 * * ?\"\n"
                    + "actions:\n  - report: { to: ops@shop.example }\n");
            return Map.of("truust.rules.dir", RULES.toString(),
                    "truust.mail.smtp.host", "127.0.0.1",
                    "truust.mail.smtp.port", Integer.toString(PORT),
                    "truust.mail.smtp.timeout", "PT2S",
                    "truust.mail.from", "Shop <promo@shop.example>",
                    "truust.actions.backoff-initial", "PT0.2S",
                    "truust.actions.backoff-max", "PT1S");
        }
    }

    static final GreenMail SERVER = new GreenMail(new ServerSetup(Smtp.PORT, "127.0.0.1", "smtp"));

    @Inject
    MailTestSupport support;

    @Inject
    TestClock clock;

    @Inject
    Db db;

    @BeforeEach
    void smtpUp() throws Exception {
        if (!SERVER.isRunning()) {
            SERVER.start();
        }
        SERVER.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void smtpDown() {
        SERVER.stop();
    }

    private static MimeMessage onlyMailTo(String buyer) {
        List<MimeMessage> mails = mailsTo(SERVER, buyer);
        assertEquals(1, mails.size(), "mails to " + buyer);
        return mails.get(0);
    }

    @Test
    void aBuyerInsideTheWindowGetsExactlyOneMail() throws Exception {
        String buyer = buyer();
        clock.set(START.plusSeconds(3600));
        String body = order("4400123", buyer, "<b>Ana García</b> & Co");

        assertEquals("FIRED", support.postAndEvaluate(body, RULE));
        support.awaitEmailJob(RULE, "once:" + buyer, "DONE", 1);

        MimeMessage mail = onlyMailTo(buyer);
        Map<String, Object> job = support.emailJob(RULE, "once:" + buyer);
        String messageId = "<" + Hashing.sha256Hex((String) job.get("IDEMPOTENCY_KEY")) + "@truust-rules>";
        assertEquals(messageId, mail.getMessageID());
        assertTrue(job.get("RESULT").toString().contains(messageId), job.get("RESULT").toString());
        assertEquals("Shop <promo@shop.example>", mail.getFrom()[0].toString());
        assertEquals("Thank you, <b>Ana García</b> & Co! Order 4400123", mail.getSubject());
        assertEquals(START.plusSeconds(3600), mail.getSentDate().toInstant());
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertEquals("Hello <b>Ana García</b> & Co,\n\nThank you for your order Vintage camera Olympus OM-1.",
                parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertTrue(parts.getBodyPart(1).getContent().toString().startsWith("<p>Hello &lt;b&gt;Ana García&lt;/b&gt; &amp; Co,</p>"));
    }

    @Test
    void aBuyerOutsideTheWindowGetsNone() {
        for (Instant outside : List.of(START.minusMillis(1), START.plusSeconds(86_400))) {
            String buyer = buyer();
            clock.set(outside);
            assertEquals("NOT_MATCHED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
            assertEquals(Map.of(), support.emailJob(RULE, "once:" + buyer), "no mail was queued");
        }
    }

    @Test
    void theSameEventDeliveredTwiceYieldsOneMail() {
        String buyer = buyer();
        clock.set(START.plusSeconds(7200));
        String body = order(buyer, "Ana");
        assertEquals("FIRED", support.postAndEvaluate(body, RULE));
        support.post(body, 200);
        support.awaitEmailJob(RULE, "once:" + buyer, "DONE", 1);

        onlyMailTo(buyer);
        assertEquals(1, db.count("SELECT COUNT(*) FROM action_job WHERE firing_key = ?", "once:" + buyer));
    }

    @Test
    void aSecondOrderByTheSameBuyerYieldsNone() {
        String buyer = buyer();
        clock.set(START.plusSeconds(7200));
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        support.awaitEmailJob(RULE, "once:" + buyer, "DONE", 1);

        assertEquals("ALREADY_FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        onlyMailTo(buyer);
        assertEquals(List.of("DONE"), support.attempts(RULE, "once:" + buyer));
    }

    @Test
    void whileTheSmtpServerIsDownTheMailWaitsAndThenArrivesOnce() throws Exception {
        SERVER.stop();
        String buyer = buyer();
        String firing = "once:" + buyer;
        Instant t0 = START.plusSeconds(10_800);
        clock.set(t0);
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        Await.until("a first failed attempt", () -> support.attemptCount(RULE, firing) == 1);
        // The retry is due 0.2 s later on the application's clock, which only moves when the test says so.
        clock.set(t0.plusSeconds(10));
        Await.until("a second failed attempt", () -> support.attemptCount(RULE, firing) == 2);
        assertEquals("PENDING", support.emailJob(RULE, firing).get("STATUS"));

        SERVER.start();
        clock.set(t0.plusSeconds(20));
        support.awaitEmailJob(RULE, firing, "DONE", 3);

        assertEquals(List.of("RETRY", "RETRY", "DONE"), support.attempts(RULE, firing));
        String firstError = (String) support.rows("SELECT a.error FROM action_attempt a JOIN action_job j ON a.job_id = j.id "
                + "WHERE j.firing_key = ? AND a.attempt = 1", firing).get(0).get("ERROR");
        assertTrue(firstError.startsWith("SMTP: ") && firstError.contains("Connection refused"), firstError);
        onlyMailTo(buyer);
    }

    @Test
    void mailsUseTheTemplateAsValidatedWithTheActiveRules() throws Exception {
        Path template = Smtp.RULES.resolve("templates/promo-thanks.html");
        String original = Files.readString(template);
        try {
            rewrite(template, "<p>Broken {nobody.knows}</p>");
            Await.until("the broken template to be reported", () -> ruleErrors() == 1);
            assertEquals("Hello Ana,\n\nThank you for your order Vintage camera Olympus OM-1.", plainTextOfANewMail());

            rewrite(template, "<p>Hi {escrow.metadata.buyer_name}, a new text.</p>");
            assertEquals("Hi Ana, a new text.", plainTextOfANewMail());
        } finally {
            rewrite(template, original);
        }
    }

    /** Writes a template and waits until the rules were read again: a new valid set, or a new error. */
    private static void rewrite(Path template, String text) throws Exception {
        String before = rulesState();
        Files.writeString(template, text);
        Await.until("the rules folder to be read again", () -> !before.equals(rulesState()));
    }

    private static String rulesState() {
        JsonPath rules = Calls.admin().get("/api/rules").then().extract().jsonPath();
        return rules.getString("loadedAt") + " " + rules.getInt("errors.size()");
    }

    private static int ruleErrors() {
        return Calls.admin().get("/api/rules").then().extract().path("errors.size()");
    }

    private String plainTextOfANewMail() throws Exception {
        String buyer = buyer();
        clock.set(START.plusSeconds(18_000));
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        support.awaitEmailJob(RULE, "once:" + buyer, "DONE", 1);
        clock.reset();
        MimeMultipart parts = (MimeMultipart) onlyMailTo(buyer).getContent();
        return parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n");
    }

    /**
     * The server accepts the mail but the outcome cannot be committed (the database is away): the
     * instance holds the outcome and records it once the database is back, instead of leaving the job
     * to run again after its lease. One mail, one attempt, DONE. (The database outage fault scenario
     * found the repeat this prevents.)
     */
    @Test
    void aMailSentWhileTheDatabaseIsAwayIsRecordedOnceItIsBackAndNotSentAgain() {
        String buyer = buyer();
        String firing = "once:" + buyer;
        clock.set(START.plusSeconds(20_000));
        double retriesBefore = Metrics.value(RECORD_RETRIES, "kind=\"email\"");
        db.execute("ALTER TABLE action_attempt RENAME TO action_attempt_away");
        try {
            assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
            Await.until("the mail to reach the server", () -> mailsTo(SERVER, buyer).size() == 1);
            Await.until("the outcome to have failed to record twice",
                    () -> Metrics.value(RECORD_RETRIES, "kind=\"email\"") >= retriesBefore + 2);
            assertEquals("RUNNING", support.emailJob(RULE, firing).get("STATUS"));
            assertTrue(jobRow(firing).get("SENDING_SINCE") != null, "the send was written down before it began");
        } finally {
            db.execute("ALTER TABLE action_attempt_away RENAME TO action_attempt");
        }
        support.awaitEmailJob(RULE, firing, "DONE", 1);
        assertEquals(null, jobRow(firing).get("SENDING_SINCE"));
        assertEquals(List.of("DONE"), support.attempts(RULE, firing));
        assertEquals(1, mailsTo(SERVER, buyer).size());
    }

    /**
     * The instance marks the job as sending, the server accepts, and the instance dies before it
     * commits DONE: the job is left RUNNING and marked. The instance that takes it over once the lease
     * has run out does not send again (the buyer may have the mail): the job is DEAD "in doubt", and
     * a person who finds the buyer without it retries it by hand, which sends it with the same Message-ID.
     */
    @Test
    void aCrashWhileSendingLeavesTheJobInDoubtInsteadOfSendingItAgain() throws Exception {
        String buyer = buyer();
        String firing = "once:" + buyer;
        Instant now = START.plusSeconds(14_400);
        clock.set(now);
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        support.awaitEmailJob(RULE, firing, "DONE", 1);
        String messageId = onlyMailTo(buyer).getMessageID();

        int left = support.update("UPDATE action_job SET status = 'RUNNING', result = NULL, lease_until = ?, "
                + "sending_since = ? WHERE rule_id = ? AND firing_key = ? AND kind = 'email'",
                now.minusSeconds(1).atOffset(ZoneOffset.UTC), now.minusSeconds(2).atOffset(ZoneOffset.UTC), RULE, firing);
        assertEquals(1, left);
        support.awaitEmailJob(RULE, firing, "DEAD", 2);
        Map<String, Object> job = jobRow(firing);
        assertTrue(((String) job.get("LAST_ERROR")).startsWith("in doubt: an attempt began sending at "), job.toString());
        assertEquals(null, job.get("SENDING_SINCE"));
        assertEquals(1, mailsTo(SERVER, buyer).size(), "not sent a second time");

        Calls.admin().post("/api/actions/" + job.get("ID") + "/retry").then().statusCode(200);
        support.awaitEmailJob(RULE, firing, "DONE", 1);
        List<MimeMessage> mails = mailsTo(SERVER, buyer);
        assertEquals(2, mails.size(), "sent again by hand");
        assertEquals(messageId, mails.get(1).getMessageID());
    }

    /** A job claimed by an instance that died before it began sending is simply run by the next one. */
    @Test
    void aCrashBeforeSendingLeavesTheJobToTheNextInstance() throws Exception {
        String buyer = buyer();
        String firing = "once:" + buyer;
        Instant now = START.plusSeconds(15_000);
        clock.set(now);
        SERVER.stop();
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        Await.until("a first failed attempt", () -> support.attemptCount(RULE, firing) == 1);
        SERVER.start();
        // As a claim that was never followed by a send: RUNNING under a lease that has run out, not marked.
        support.update("UPDATE action_job SET status = 'RUNNING', lease_until = ? WHERE rule_id = ? AND firing_key = ? "
                + "AND kind = 'email'", now.minusSeconds(1).atOffset(ZoneOffset.UTC), RULE, firing);
        support.awaitEmailJob(RULE, firing, "DONE", 2);
        assertEquals(null, jobRow(firing).get("SENDING_SINCE"));
        onlyMailTo(buyer);
    }

    private Map<String, Object> jobRow(String firing) {
        return support.rows("SELECT id, last_error, sending_since FROM action_job WHERE rule_id = ? AND firing_key = ? "
                + "AND kind = 'email'", RULE, firing).get(0);
    }
}
