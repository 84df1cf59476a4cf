package com.truustrules.action.email;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.ScheduledRules;
import com.truustrules.support.Await;
import com.truustrules.support.Db;
import com.truustrules.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduled report: yesterday's firings as a CSV attachment, over real SMTP. */
@QuarkusTest
@TestProfile(EmailDeliveryTest.Smtp.class)
class DailyReportTest {

    private static final String KEY = "cron:2026-11-30T08:00:00Z";

    @Inject
    Db db;

    @Inject
    TestClock clock;

    @Inject
    ScheduledRules scheduled;

    @Inject
    RuleRegistry registry;

    @BeforeEach
    void smtpUp() throws Exception {
        if (!EmailDeliveryTest.SERVER.isRunning()) {
            EmailDeliveryTest.SERVER.start();
        }
        EmailDeliveryTest.SERVER.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @AfterAll
    static void smtpDown() {
        EmailDeliveryTest.SERVER.stop();
    }

    private void firing(String rule, String key, String at) {
        db.execute("INSERT INTO rule_firing (rule_id, firing_key, rule_version, fired_at) VALUES ('" + rule + "', '" + key
                + "', 'v1', TIMESTAMP WITH TIME ZONE '" + at + "')");
    }

    @Test
    void theMorningReportListsYesterdaysFirings() throws Exception {
        firing("report-a", "once:ana@example.com", "2026-11-29 00:00:00+00");
        firing("report-a", "once:\"quoted\", with comma", "2026-11-29 23:59:59+00");
        firing("report-b", "event:x", "2026-11-28 23:59:59+00");
        firing("report-b", "event:y", "2026-11-30 00:00:00+00");
        clock.set(Instant.parse("2026-11-30T08:00:05Z"));
        Rule report = registry.active().rules().stream().filter(r -> r.id().equals("daily-report")).findFirst().orElseThrow();
        // Counted by firing key and subject: the service's own 10 s tick may fire this report first, and on
        // the real clock (between tests) today's, whose mail is about another day.
        scheduled.fireDue(report);
        assertEquals(1, db.count("SELECT COUNT(*) FROM rule_firing WHERE rule_id = 'daily-report' AND firing_key = ?", KEY));
        Await.until("the report job to finish", () -> db.count("SELECT COUNT(*) FROM action_job"
                + " WHERE rule_id = 'daily-report' AND firing_key = ? AND status = 'DONE'", KEY) == 1);

        List<MimeMessage> mails = MailTestSupport.mailsTo(EmailDeliveryTest.SERVER, "ops@shop.example").stream()
                .filter(mail -> ReceivedMail.subject(mail).endsWith("2026-11-29")).toList();
        assertEquals(1, mails.size());
        assertEquals("truust-rules: firings of 2026-11-29", mails.get(0).getSubject());
        MimeMultipart parts = (MimeMultipart) mails.get(0).getContent();
        assertEquals("2 firing(s) on 2026-11-29 (UTC), attached as CSV.", parts.getBodyPart(0).getContent().toString().strip());
        BodyPart csv = parts.getBodyPart(1);
        assertEquals("firings-2026-11-29.csv", csv.getFileName());
        try (InputStream in = csv.getInputStream()) {
            assertEquals("rule_id,rule_version,firing_key,event_id,fired_at\n"
                    + "report-a,v1,once:ana@example.com,,2026-11-29T00:00Z\n"
                    + "report-a,v1,\"once:\"\"quoted\"\", with comma\",,2026-11-29T23:59:59Z\n",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
        }
    }
}
