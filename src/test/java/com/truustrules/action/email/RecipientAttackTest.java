package com.truustrules.action.email;

import static com.truustrules.action.email.MailTestSupport.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.support.Await;
import com.truustrules.support.Db;
import com.truustrules.support.TempFiles;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Webhook data that tries to choose the recipients of the promo mail, over real SMTP (GreenMail):
 * lists, groups, display names, comments and line breaks in buyer_email. With the sample rule
 * (email(x) in when and once-per) such an order does not match; with a rule written without it the
 * firing's promo-code job fails before it takes a code, because its mail can never be sent. Either
 * way the attacker's addresses receive nothing and no code leaves the pool.
 */
@QuarkusTest
@TestProfile(RecipientAttackTest.Rules.class)
class RecipientAttackTest {

    static final String SAMPLE = "first-day-buyers";
    static final String NAIVE = "naive-promo";
    static final Instant IN_WINDOW = Instant.parse("2026-11-27T03:00:00Z");

    /** The repository's sample promo, and the same promo keyed by lower() instead of email(), on an SMTP server. */
    public static class Rules implements QuarkusTestProfile {
        static final int PORT = MailTestSupport.freePort();
        static final Path DIR = rulesDir();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.rules.dir", DIR.toString(),
                    "truust.mail.smtp.host", "127.0.0.1",
                    "truust.mail.smtp.port", Integer.toString(PORT),
                    "truust.mail.smtp.timeout", "PT2S",
                    "truust.actions.backoff-initial", "PT0.2S",
                    "truust.actions.backoff-max", "PT1S");
        }

        private static Path rulesDir() {
            Path dir = TempFiles.dir("recipient-attack-rules");
            for (String file : List.of("first-day-buyers.yaml", "offers.yaml", "pools/BF2026.txt", "templates/promo-thanks.html")) {
                TempFiles.write(dir, file, TempFiles.read(Path.of("rules", file)));
            }
            TempFiles.write(dir, "pools/NAIVE.txt", "NAIVE-1\nNAIVE-2\nNAIVE-3\nNAIVE-4\nNAIVE-5\nNAIVE-6\nNAIVE-7\nNAIVE-8\n");
            TempFiles.write(dir, NAIVE + ".yaml", TempFiles.read(Path.of("src/test/resources/recipient-attack/naive-promo.yaml")));
            return dir;
        }
    }

    static final GreenMail SERVER = new GreenMail(new ServerSetup(Rules.PORT, "127.0.0.1", "smtp"));

    @Inject
    MailTestSupport support;

    @Inject
    TestClock clock;

    @Inject
    Db db;

    private String victim;

    @BeforeAll
    static void smtpUp() {
        SERVER.start();
    }

    @AfterAll
    static void smtpDown() {
        SERVER.stop();
    }

    @BeforeEach
    void inTheWindow() {
        clock.set(IN_WINDOW);
        victim = "victim-" + UUID.randomUUID() + "@example.com";
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s, a1@evil.example, a2@evil.example", "undisclosed: %s, g1@evil.example;", "%s,a1@evil.example ",
        "%s\r\nBcc: a1@evil.example", "Victim <a1@evil.example>, %s", "%s (a1@evil.example)", "\"a1@evil.example\"@example.com"})
    void aBuyerAddressThatIsNotOneAddressMailsNoOneAndTakesNoCode(String attack) {
        String buyer = attack.formatted(victim);
        String body = order(ReceivedMail.json(buyer), "Ana");

        assertEquals("NOT_MATCHED", support.postAndEvaluate(body, SAMPLE), "email() refuses it in the sample rule");
        String key = "once:" + buyer.toLowerCase(Locale.ROOT);
        Map<String, Object> promo = awaitPromoJob(key, "DEAD");
        assertTrue(String.valueOf(promo.get("LAST_ERROR")).startsWith("not run: the firing's email (action index 1) can never "
                + "be sent: invalid address: 'to' {escrow.metadata.buyer_email} '"), String.valueOf(promo.get("LAST_ERROR")));
        assertEquals("WAITING", support.emailJob(NAIVE, key).get("STATUS"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM promo_code WHERE idempotency_key IS NOT NULL AND idempotency_key LIKE ?",
                "%" + victim + "%"), "no code taken");
        assertEquals(List.of(), recipients(), "nobody got a mail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%s,a1@evil.example ", " %s ", "%s\r\n"})
    void aSecondOrderOfTheSameBuyerDressedUpGetsNoSecondCodeFromTheSamplePromo(String dressedUp) {
        assertEquals("FIRED", support.postAndEvaluate(order(victim, "Ana"), SAMPLE));
        support.awaitEmailJob(SAMPLE, "once:" + victim, "DONE", 1);

        String second = support.postAndEvaluate(order(ReceivedMail.json(dressedUp.formatted(victim.toUpperCase(Locale.ROOT))), "Ana"), SAMPLE);

        assertTrue(List.of("NOT_MATCHED", "ALREADY_FIRED").contains(second), second);
        assertEquals(1, db.count("SELECT COUNT(*) FROM promo_code WHERE idempotency_key LIKE ?", SAMPLE + "|%" + victim + "%"));
        Await.until("the naive rule's jobs settled", () -> db.count("SELECT COUNT(*) FROM action_job WHERE rule_id = ? AND "
                + "status IN ('PENDING', 'RUNNING')", NAIVE) == 0);
        assertEquals(List.of(victim), sampleMailRecipients(), "one promo mail, to the victim only");
        assertTrue(recipients().stream().noneMatch(address -> address.contains("evil.example")), recipients()::toString);
    }

    private Map<String, Object> awaitPromoJob(String key, String status) {
        Await.until("promo-code job of " + key + " " + status, () -> status.equals(promoJob(key).get("STATUS")));
        return promoJob(key);
    }

    private Map<String, Object> promoJob(String key) {
        List<Map<String, Object>> rows = support.rows("SELECT status, last_error FROM action_job WHERE rule_id = ? AND "
                + "firing_key = ? AND kind = 'promo-code'", NAIVE, key);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** Every recipient of every mail the server received for this test's victim (any case) or the attacker. */
    private List<String> recipients() {
        return Arrays.stream(SERVER.getReceivedMessages()).flatMap(ReceivedMail::all).filter(this::watched).toList();
    }

    /** The recipients of the sample promo's mails (its subject) for this test's victim or the attacker. */
    private List<String> sampleMailRecipients() {
        return Arrays.stream(SERVER.getReceivedMessages())
                .filter(mail -> ReceivedMail.subject(mail).startsWith("Thank you! Your code: "))
                .flatMap(ReceivedMail::all).filter(this::watched).toList();
    }

    private boolean watched(String address) {
        return address.toLowerCase(Locale.ROOT).contains(victim) || address.contains("evil.example");
    }
}
