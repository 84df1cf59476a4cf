package com.truustrules.action.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.truustrules.action.ActionOutcome;
import com.truustrules.common.Hashing;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The two ways of not talking to an SMTP server: the outbox folder and the dry run. */
class OutboxAndDryRunTest {

    static final String BUYER = "ana.garcia@example.com";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());

    @TempDir
    Path root;

    private ActionOutcome send(TestMail mail, String key, String to) throws Exception {
        SendEmail sender = new SendEmail(mail, TestMail.rulesDir(root), root.resolve("data"), new Properties());
        return sender.run(TestMail.context(key, TestMail.spec(to), TestMail.facts(BUYER, "Ana")));
    }

    private List<Path> outbox() throws Exception {
        return files(root.resolve("data").resolve("outbox"));
    }

    private static List<Path> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void withoutAnSmtpHostTheMailBecomesOneEmlFilePerKey() throws Exception {
        String key = "first-day-buyers|once:ana|1";
        ActionOutcome first = send(TestMail.outbox(), key, BUYER);

        String hash = Hashing.sha256Hex(key);
        assertEquals(Map.of("messageId", "<" + hash + "@truust-rules>", "to", BUYER, "via", "outbox"), first.result());
        Path file = root.resolve("data/outbox/" + hash + ".eml");
        assertEquals(List.of(file), outbox());
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("<" + hash + "@truust-rules>", mail.getMessageID());
            assertEquals("Thank you, Ana! Your code: BF26-7", mail.getSubject());
            assertEquals(BUYER, mail.getAllRecipients()[0].toString());
            assertEquals(2, ((MimeMultipart) mail.getContent()).getCount());
        }
    }

    @Test
    void aRetryFindsTheFileAndLeavesItAlone() throws Exception {
        String key = "first-day-buyers|once:ana|1";
        send(TestMail.outbox(), key, BUYER);
        Path file = outbox().get(0);
        // Stands for a file another program has started to read: a retry must not replace it.
        Files.writeString(file, "X-Marker: untouched\r\n", java.nio.file.StandardOpenOption.APPEND);

        ActionOutcome again = send(TestMail.outbox(), key, BUYER);

        assertEquals(ActionOutcome.Status.DONE, again.status());
        assertEquals(List.of(file), outbox(), "one file for the key, and no temporary file left behind");
        assertTrue(Files.readString(file).endsWith("X-Marker: untouched\r\n"));
        send(TestMail.outbox(), "first-day-buyers|once:bob|1", BUYER);
        assertEquals(2, outbox().size());
    }

    @Test
    void anInvalidAddressFailsInTheOutboxModeToo() throws Exception {
        assertEquals(ActionOutcome.Status.FAILED, send(TestMail.outbox(), "k", "nobody").status());
        assertEquals(List.of(), outbox());
    }

    @Test
    void aDryRunSendsNothingAndLeavesTheOutboxAlone() throws Exception {
        ActionOutcome smtp = send(TestMail.smtp(SMTP.getSmtp().getPort()).dryRunOn(), "k-dry", BUYER);
        ActionOutcome outbox = send(TestMail.outbox().dryRunOn(), "k-dry-2", BUYER);

        assertEquals(Map.of("messageId", "<" + Hashing.sha256Hex("k-dry") + "@truust-rules>", "to", BUYER, "via", "dry-run"),
                smtp.result());
        assertEquals(ActionOutcome.Status.DONE, outbox.status());
        assertFalse(SMTP.waitForIncomingEmail(300, 1), "nothing reached the SMTP server");
        assertEquals(List.of(), outbox(), "no file a program sending the outbox would pick up");
    }

    @Test
    void aDryRunWritesTheRenderedMailWithTextAndHtmlToOutboxDryRun() throws Exception {
        send(TestMail.smtp(SMTP.getSmtp().getPort()).dryRunOn(), "k-dry", BUYER);

        Path file = root.resolve("data/outbox/dry-run/" + Hashing.sha256Hex("k-dry") + ".eml");
        assertEquals(List.of(file), files(file.getParent()));
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("Thank you, Ana! Your code: BF26-7", mail.getSubject());
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"), parts.getBodyPart(0).getContentType());
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"), parts.getBodyPart(1).getContentType());
            assertTrue(parts.getBodyPart(1).getContent().toString().contains("BF26-7"));
        }
    }

    @Test
    void aDryRunStillChecksTheMail() throws Exception {
        ActionOutcome outcome = send(TestMail.smtp(SMTP.getSmtp().getPort()).dryRunOn(), "k-dry", "{escrow.metadata.nobody}");
        assertEquals(ActionOutcome.Status.FAILED, outcome.status());
    }
}
