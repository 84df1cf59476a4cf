package com.truustrules.action.email;

import static com.truustrules.action.email.MailTestSupport.buyer;
import static com.truustrules.action.email.MailTestSupport.mailsTo;
import static com.truustrules.action.email.MailTestSupport.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.support.Db;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The repository's own promo (rules/first-day-buyers.yaml with rules/offers.yaml and the BF2026 pool)
 * end to end over real SMTP: a code from the pool, taken by promo-code, reaches the buyer in one mail.
 */
@QuarkusTest
@TestProfile(FirstDayBuyersMailTest.Smtp.class)
class FirstDayBuyersMailTest {

    static final String RULE = "first-day-buyers";
    static final Instant START = Instant.parse("2026-11-27T00:00:00Z");

    /** The sample rules folder of the test profile, and an SMTP server on a port chosen here. */
    public static class Smtp implements QuarkusTestProfile {
        static final int PORT = MailTestSupport.freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.mail.smtp.host", "127.0.0.1",
                    "truust.mail.smtp.port", Integer.toString(PORT),
                    "truust.mail.smtp.timeout", "PT2S",
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

    @BeforeAll
    static void smtpUp() {
        SERVER.start();
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
    void aBuyerInsideTheWindowGetsOneMailWithACodeFromThePool() throws Exception {
        String buyer = buyer();
        clock.set(START.plusSeconds(3600));
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana García"), RULE));
        support.awaitEmailJob(RULE, "once:" + buyer, "DONE", 1);

        MimeMessage mail = onlyMailTo(buyer);
        assertTrue(mail.getSubject().startsWith("Thank you! Your code: "), mail.getSubject());
        String code = mail.getSubject().substring("Thank you! Your code: ".length());
        assertTrue(Files.readAllLines(Path.of("rules/pools/BF2026.txt")).contains(code), code + " is from the pool");
        assertEquals(1, db.count("SELECT COUNT(*) FROM promo_code WHERE pool = 'BF2026' AND code = ? AND idempotency_key = ?",
                code, RULE + "|once:" + buyer + "|0"));
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertTrue(parts.getBodyPart(0).getContent().toString().contains("Hello Ana García,"));
        assertTrue(parts.getBodyPart(0).getContent().toString().contains(code));
        assertTrue(parts.getBodyPart(1).getContent().toString().contains("<strong>" + code + "</strong>"));
    }

    @Test
    void aBuyerOutsideTheWindowGetsNone() {
        for (Instant outside : List.of(START.minusMillis(1), START.plusSeconds(86_400))) {
            String buyer = buyer();
            clock.set(outside);
            assertEquals("NOT_MATCHED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
            assertEquals(0, db.count("SELECT COUNT(*) FROM action_job WHERE firing_key = ?", "once:" + buyer));
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
        assertEquals(1, db.count("SELECT COUNT(*) FROM promo_code WHERE idempotency_key LIKE ?", RULE + "|once:" + buyer + "|%"));
    }

    @Test
    void aSecondOrderByTheSameBuyerYieldsNoneWhateverTheCaseOfTheAddress() {
        String buyer = buyer();
        clock.set(START.plusSeconds(7200));
        assertEquals("FIRED", support.postAndEvaluate(order(buyer, "Ana"), RULE));
        support.awaitEmailJob(RULE, "once:" + buyer, "DONE", 1);

        assertEquals("ALREADY_FIRED", support.postAndEvaluate(order(buyer.toUpperCase(), "Ana"), RULE));
        onlyMailTo(buyer);
        assertEquals(1, db.count("SELECT COUNT(*) FROM promo_code WHERE idempotency_key LIKE ?", RULE + "|once:" + buyer + "|%"));
    }
}
