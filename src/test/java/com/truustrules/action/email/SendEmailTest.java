package com.truustrules.action.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.action.ActionOutcome;
import com.truustrules.common.Hashing;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SendEmail against a real SMTP server (GreenMail), and against a scripted one for the failures GreenMail cannot make. */
class SendEmailTest {

    static final String BUYER = "ana.garcia@example.com";
    static final String NAME = "Ana <b>García</b>";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    @TempDir
    Path root;

    private SendEmail sender(TestMail mail) {
        return sender(mail, new Properties());
    }

    private SendEmail sender(TestMail mail, Properties overrides) {
        return new SendEmail(mail, TestMail.rulesDir(root), root.resolve("data"), overrides);
    }

    private ActionOutcome send(SendEmail sender, String key, Map<String, Object> spec) throws Exception {
        return sender.run(TestMail.context(key, spec, TestMail.facts(BUYER, NAME)));
    }

    private static int port() {
        return SMTP.getSmtp().getPort();
    }

    @Test
    void theMailIsRenderedEscapedAndSentWithAllItsHeaders() throws Exception {
        Map<String, Object> spec = new HashMap<>(TestMail.spec("{escrow.metadata.buyer_email}"));
        spec.put("cc", "ops@shop.example");
        spec.put("bcc", "audit@shop.example");
        spec.put("reply-to", "help@shop.example");
        ActionOutcome outcome = send(sender(TestMail.smtp(port())), "first-day-buyers|once:ana|1", spec);

        String messageId = "<" + Hashing.sha256Hex("first-day-buyers|once:ana|1") + "@truust-rules>";
        assertEquals(ActionOutcome.Status.DONE, outcome.status());
        assertEquals(Map.of("messageId", messageId, "to", BUYER, "via", "smtp"), outcome.result());
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(3, received.length, "one copy each for to, cc and bcc");
        MimeMessage mail = received[0];
        assertEquals(messageId, mail.getMessageID());
        assertEquals(List.of(new InternetAddress("Shop <promo@shop.example>")), List.of(mail.getFrom()));
        assertEquals("Thank you, Ana <b>García</b>! Your code: BF26-7", mail.getSubject());
        assertEquals(BUYER, mail.getRecipients(RecipientType.TO)[0].toString());
        assertEquals("ops@shop.example", mail.getRecipients(RecipientType.CC)[0].toString());
        assertEquals("help@shop.example", mail.getReplyTo()[0].toString());
        assertNull(mail.getHeader("Bcc"), "Bcc recipients get the mail but are not shown");
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), mail.getSentDate().toInstant());
        assertEquals("first-day-buyers", mail.getHeader("X-Truust-Rule", null));
    }

    @Test
    void theBodyIsHtmlWithEscapedValuesAndAPlainTextAlternative() throws Exception {
        send(sender(TestMail.smtp(port())), "k-body", TestMail.spec(BUYER));

        MimeMultipart parts = (MimeMultipart) SMTP.getReceivedMessages()[0].getContent();
        assertTrue(parts.getContentType().startsWith("multipart/alternative"), parts.getContentType());
        assertEquals(2, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertEquals("Hello Ana <b>García</b>,\n\nthank you for Camera <OM-1> & lens. Your code: BF26-7",
                text(parts, 0));
        assertEquals("<p>Hello Ana &lt;b&gt;García&lt;/b&gt;,</p>\n<p>thank you for <strong>Camera &lt;OM-1&gt; &amp; "
                + "lens</strong>.\nYour code: <b>BF26-7</b></p>", text(parts, 1));
    }

    /** A text part as written: SMTP carries lines ending in CRLF. */
    private static String text(MimeMultipart parts, int index) throws Exception {
        return parts.getBodyPart(index).getContent().toString().replace("\r\n", "\n");
    }

    @Test
    void aRepeatForTheSameKeyCarriesTheSameMessageId() throws Exception {
        SendEmail sender = sender(TestMail.smtp(port()));
        // What a lease takeover does after a crash between the server's acceptance and the DONE commit.
        send(sender, "first-day-buyers|once:ana|1", TestMail.spec(BUYER));
        send(sender, "first-day-buyers|once:ana|1", TestMail.spec(BUYER));
        send(sender, "first-day-buyers|once:bob|1", TestMail.spec(BUYER));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(3, received.length);
        assertEquals(received[0].getMessageID(), received[1].getMessageID());
        assertNotEquals(received[0].getMessageID(), received[2].getMessageID());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not an address", "ana@", "{escrow.metadata.nobody}", "  ", "ana@example.com, bad@@example.com"})
    void anInvalidAddressFailsForGoodAndSendsNothing(String to) throws Exception {
        ActionOutcome outcome = send(sender(TestMail.smtp(port())), "k-invalid", TestMail.spec(to));

        assertEquals(ActionOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.error().startsWith("invalid address: "), outcome.error());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"victim@example.com, a1@evil.example, a2@evil.example", "undisclosed: g1@evil.example, g2@evil.example;",
        "VICTIM@example.com,a1@evil.example ", "victim@example.com\r\nBcc: a1@evil.example", "Victim <a1@evil.example>",
        "victim@example.com (a1@evil.example)", "\"a1@evil.example\"@example.com"})
    void eventDataThatIsNotOneAddressSendsNothingAndSaysWhy(String buyer) throws Exception {
        Map<String, Object> spec = new HashMap<>(TestMail.spec("{escrow.metadata.buyer_email}"));
        spec.put("cc", "ops@shop.example");
        ActionOutcome outcome = sender(TestMail.smtp(port())).run(TestMail.context("k-attack", spec, TestMail.facts(buyer, NAME)));

        assertEquals(ActionOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.error().startsWith("invalid address: 'to' {escrow.metadata.buyer_email} '"), outcome.error());
        assertFalse(outcome.error().contains("\n"), outcome.error());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void aPlaceholderFillsOneSlotAmongTheAddressesTheRuleWrote() throws Exception {
        Map<String, Object> spec = new HashMap<>(TestMail.spec(" {escrow.metadata.buyer_email} , ops@shop.example"));
        ActionOutcome outcome = sender(TestMail.smtp(port())).run(TestMail.context("k-slot", spec,
                TestMail.facts("  Ana.Garcia@Example.com ", NAME)));

        assertEquals(ActionOutcome.Status.DONE, outcome.status(), outcome.error());
        assertEquals("Ana.Garcia@Example.com, ops@shop.example", outcome.result().get("to"));
        assertEquals(2, SMTP.getReceivedMessages().length);
        assertEquals(2, SMTP.getReceivedMessages()[0].getRecipients(RecipientType.TO).length);
    }

    @Test
    void lineBreaksInTheFactsCannotAddHeaders() throws Exception {
        SendEmail sender = sender(TestMail.smtp(port()));
        sender.run(TestMail.context("k-inject", TestMail.spec(BUYER),
                TestMail.facts(BUYER, "Ana\r\nBcc: evil@attacker.example")));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(1, received.length);
        assertEquals("Thank you, Ana Bcc: evil@attacker.example! Your code: BF26-7", received[0].getSubject());
        assertNull(received[0].getHeader("Bcc"));
    }

    @Test
    void noServerListeningIsRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ActionOutcome outcome = send(sender(TestMail.smtp(closed)), "k-down", TestMail.spec(BUYER));

        assertEquals(ActionOutcome.Status.RETRY, outcome.status());
        assertTrue(outcome.error().contains("Connection refused"), outcome.error());
    }

    @Test
    void aLoginIsUsedWhenAUsernameIsSetAndAWrongOneIsRetried() throws Exception {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));
        server.start();
        try {
            TestMail mail = TestMail.smtp(server.getSmtp().getPort());
            ActionOutcome wrong = send(sender(mail.login("mailer", "wrong")), "k-login", TestMail.spec(BUYER));
            assertEquals(ActionOutcome.Status.RETRY, wrong.status());
            assertTrue(wrong.error().startsWith("SMTP login failed: ") && wrong.error().contains("535"), wrong.error());
            assertEquals(0, server.getReceivedMessages().length);

            assertEquals(ActionOutcome.Status.DONE, send(sender(mail.login("mailer", "s3cret")), "k-login", TestMail.spec(BUYER)).status());
            assertEquals(1, server.getReceivedMessages().length);
        } finally {
            server.stop();
        }
    }

    @Test
    void tlsFromTheFirstByte() throws Exception {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtps").dynamicPort());
        server.start();
        try {
            // GreenMail's certificate is self-signed and not issued for 127.0.0.1; only this test trusts it.
            Properties trust = new Properties();
            trust.setProperty("mail.smtp.ssl.trust", "127.0.0.1");
            trust.setProperty("mail.smtp.ssl.checkserveridentity", "false");
            TestMail mail = TestMail.smtp(server.getSmtps().getPort()).tls("tls");
            assertEquals(ActionOutcome.Status.DONE, send(sender(mail, trust), "k-tls", TestMail.spec(BUYER)).status());
            assertEquals(1, server.getReceivedMessages().length);

            ActionOutcome untrusted = send(sender(mail), "k-tls", TestMail.spec(BUYER));
            assertEquals(ActionOutcome.Status.RETRY, untrusted.status(), "an unknown certificate is refused");
            assertEquals(1, server.getReceivedMessages().length);
        } finally {
            server.stop();
        }
    }

    @Test
    void starttlsIsRequiredSoAServerWithoutItGetsNothing() throws Exception {
        ActionOutcome outcome = send(sender(TestMail.smtp(port()).tls("starttls")), "k-starttls", TestMail.spec(BUYER));

        assertEquals(ActionOutcome.Status.RETRY, outcome.status());
        assertTrue(outcome.error().contains("STARTTLS"), outcome.error());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void aRefusedRecipientFailsAndATemporaryRefusalIsRetried() throws Exception {
        try (ScriptedSmtp refusing = new ScriptedSmtp(Map.of("RCPT", "550 5.1.1 no such user"));
                ScriptedSmtp busy = new ScriptedSmtp(Map.of("RCPT", "451 4.3.0 try again later"))) {
            ActionOutcome refused = send(sender(TestMail.smtp(refusing.port())), "k-550", TestMail.spec(BUYER));
            assertEquals(ActionOutcome.Status.FAILED, refused.status());
            assertTrue(refused.error().startsWith("SMTP server refused the mail (550): ") && refused.error().contains("no such user"),
                    refused.error());
            assertEquals(List.of(), refusing.messages());

            ActionOutcome later = send(sender(TestMail.smtp(busy.port())), "k-451", TestMail.spec(BUYER));
            assertEquals(ActionOutcome.Status.RETRY, later.status());
            assertTrue(later.error().contains("451 4.3.0 try again later"), later.error());
        }
    }

    @Test
    void aRejectedMessageFailsAndATemporaryRejectionIsRetried() throws Exception {
        try (ScriptedSmtp rejecting = new ScriptedSmtp(Map.of(".", "554 5.7.1 message refused as spam"));
                ScriptedSmtp full = new ScriptedSmtp(Map.of(".", "452 4.3.1 insufficient storage"))) {
            ActionOutcome rejected = send(sender(TestMail.smtp(rejecting.port())), "k-554", TestMail.spec(BUYER));
            assertEquals(ActionOutcome.Status.FAILED, rejected.status());
            assertTrue(rejected.error().contains("(554)") && rejected.error().contains("refused as spam"), rejected.error());

            ActionOutcome later = send(sender(TestMail.smtp(full.port())), "k-452", TestMail.spec(BUYER));
            assertEquals(ActionOutcome.Status.RETRY, later.status());
            assertTrue(later.error().contains("452"), later.error());
        }
    }

    @Test
    void aLostAnswerIsRetriedAndTheRepeatIsRecognisableByItsMessageId() throws Exception {
        String key = "first-day-buyers|once:ana|1";
        String messageId = "Message-ID: <" + Hashing.sha256Hex(key) + "@truust-rules>";
        try (ScriptedSmtp silent = new ScriptedSmtp(Map.of(".", ""))) {
            ActionOutcome lost = send(sender(TestMail.smtp(silent.port()).timeout(java.time.Duration.ofMillis(500))), key,
                    TestMail.spec(BUYER));

            assertEquals(ActionOutcome.Status.RETRY, lost.status());
            assertTrue(lost.error().toLowerCase().contains("timed out") || lost.error().contains("timeout"), lost.error());
            assertEquals(1, silent.messages().size(), "the server has the mail although we never heard so");
            assertTrue(silent.messages().get(0).contains(messageId), silent.messages().get(0));
        }
        send(sender(TestMail.smtp(port())), key, TestMail.spec(BUYER));
        assertEquals("<" + Hashing.sha256Hex(key) + "@truust-rules>", SMTP.getReceivedMessages()[0].getMessageID());
    }

    @Test
    void badSettingsStopTheStart() {
        IllegalArgumentException tls = assertThrows(IllegalArgumentException.class, () -> sender(TestMail.smtp(25).tls("ssl")));
        assertEquals("TRUUST_MAIL_SMTP_TLS must be none, starttls or tls, not 'ssl'", tls.getMessage());
        TestMail badFrom = new TestMail(TestMail.smtp(25).smtp(), "shop at example", false);
        IllegalArgumentException from = assertThrows(IllegalArgumentException.class, () -> sender(badFrom));
        assertTrue(from.getMessage().startsWith("TRUUST_MAIL_FROM is not a valid address: 'shop at example'"), from.getMessage());
        assertFalse(root.resolve("data").toFile().exists());
    }

    @Test
    void aWorkerKeepsItsConnectionBetweenMailsAndReplacesOneTheServerDropped() throws Exception {
        try (ScriptedSmtp server = new ScriptedSmtp(Map.of())) {
            SendEmail sender = sender(TestMail.smtp(server.port()));
            for (String key : List.of("k-keep-1", "k-keep-2", "k-keep-3")) {
                assertEquals(ActionOutcome.Status.DONE, send(sender, key, TestMail.spec(BUYER)).status());
            }
            assertEquals(3, server.messages().size());
            assertEquals(1, server.connections(), "three mails, one connection");

            server.hangUp();
            assertEquals(ActionOutcome.Status.DONE, send(sender, "k-keep-4", TestMail.spec(BUYER)).status(),
                    "a connection the server dropped is replaced, not turned into a failed attempt");
            assertEquals(4, server.messages().size());
            assertEquals(2, server.connections());

            // The same drop seen as end-of-stream, which Angus reports as a send failure with code -1.
            server.dropAt("MAIL");
            assertEquals(ActionOutcome.Status.DONE, send(sender, "k-keep-5", TestMail.spec(BUYER)).status(),
                    "a connection closed under the client is replaced too");
            assertEquals(5, server.messages().size());
            assertEquals(3, server.connections());
            sender.stop();
        }
    }
}
