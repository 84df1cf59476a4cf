package com.truustrules.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.truustrules.support.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SMTP server is down for 2 minutes while paid orders keep coming: the promo mails queue as
 * action jobs that retry (backoff cut to at most 10 s so that retries fall inside the window), none
 * gives up, and once the server is back every mail arrives, once.
 */
@FaultScenario
class SmtpOutageFaultIT {

    private static final Duration OUTAGE = Duration.ofMinutes(2);
    private static final Duration LOOK = Duration.ofSeconds(5);

    @Test
    void mailsQueueDuringTheOutageThenAllArriveOnce() throws Exception {
        Verdict verdict = new Verdict("smtp-outage");
        if (!FaultRules.mailRunner()) {
            verdict.waitFor("this build has no e-mail action (SendEmail) yet");
        }
        Path dir = FaultApps.workDir("smtp-outage");
        Path rules = FaultRules.write(dir.resolve("rules"), true);
        Map<String, String> acked;
        Load load;
        boolean drained;
        try (MailSink sink = MailSink.start();
                AppProcess app = FaultApps.start(FaultApps.H2, config(rules, dir.resolve("data"), sink), dir.resolve("app.log"))) {
            Admin admin = new Admin(app.port());
            load = new Load(List.of(app::port), "s", 2, 1_000_000, Duration.ofMillis(400)).start();
            try {
                outage(verdict, sink, admin);
                Thread.sleep(LOOK.toMillis());
            } finally {
                load.close();
            }
            drained = admin.awaitDrained(Duration.ofMinutes(2));
            acked = new HashMap<>(load.acked());
            app.stop();
            Ledger ledger = Ledger.h2(dir.resolve("data"), acked);
            MailTally mails = MailTally.of(ledger, sink.received());
            verdict.core(load.sent(), load.acknowledged(), ledger, mails).count("jobs", ledger.jobs())
                    .check(drained, "the mails had not all gone 2 min after the server came back");
            mails.checkInto(verdict);
            ledger.checkInto(verdict, FaultRules.actionsPerRule(true));
        }
        verdict.report();
    }

    /** Mail flows, the server goes down for the outage and comes back; what queued meanwhile is counted. */
    private static void outage(Verdict verdict, MailSink sink, Admin admin) throws Exception {
        Thread.sleep(LOOK.toMillis());
        int before = sink.received().size();
        sink.down();
        long queued = 0;
        long dead = 0;
        for (long end = System.nanoTime() + OUTAGE.toNanos(); System.nanoTime() < end; Thread.sleep(LOOK.toMillis())) {
            JsonNode jobs = admin.stats().path("actions");
            queued = Math.max(queued, jobs.path("PENDING").asLong() + jobs.path("RUNNING").asLong());
            dead = Math.max(dead, jobs.path("DEAD").asLong());
        }
        sink.up();
        verdict.count("mails-before-outage", before).count("queued-max", queued)
                .check(before > 0, "no mail arrived before the outage: the sink or the rule does not work")
                .check(queued > 0, "no mail job was waiting during the outage")
                .check(dead == 0, dead + " job(s) gave up during the outage");
    }

    /** Retries at most 10 s apart, and enough of them to outlast the outage. */
    private static Map<String, String> config(Path rules, Path data, MailSink sink) {
        Map<String, String> config = FaultApps.settings(rules, data, sink.port());
        config.put("truust.actions.backoff-initial", "PT1S");
        config.put("truust.actions.backoff-max", "PT10S");
        config.put("truust.actions.max-attempts", "100");
        return config;
    }
}
