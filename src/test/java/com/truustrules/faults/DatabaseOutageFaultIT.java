package com.truustrules.faults;

import com.truustrules.support.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes down for 20 s under load (the suite's own cluster, stopped as by a crash): calls get
 * 503 with Retry-After, never a 2xx that was not committed; the service recovers by itself; a sender's
 * retry of each refused call is then acknowledged; nothing acknowledged is lost.
 */
@FaultScenario
class DatabaseOutageFaultIT {

    private static final Duration BEFORE = Duration.ofSeconds(8);
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration AFTER = Duration.ofSeconds(8);
    /** Calls whose commit was under way when the database went down are answered within this grace. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Set<Integer> EXPECTED = Set.of(200, 202, 503);

    @Test
    void callsAre503WhileDownAndTheServiceRecoversByItself() throws Exception {
        Verdict verdict = new Verdict("db-outage");
        Path dir = FaultApps.workDir("db-outage");
        boolean mail = FaultRules.mailRunner();
        Path rules = FaultRules.write(dir.resolve("rules"), mail);
        String url = PgCluster.freshDatabase("faults_outage");
        try (MailSink sink = MailSink.start();
                AppProcess app = FaultApps.start(FaultApps.POSTGRESQL,
                        FaultApps.postgres(FaultApps.settings(rules, dir.resolve("data"), sink.port()), url, true),
                        dir.resolve("app.log"))) {
            Load load = new Load(List.of(app::port), "d", 4, 1_000_000, Duration.ofMillis(5)).start();
            try {
                outage(verdict, load, new Admin(app.port()));
            } finally {
                load.close();
                PgCluster.ensureRunning();
            }
            Map<String, String> acked = new HashMap<>(load.acked());
            Load retries = resend(verdict, load, app.port());
            acked.putAll(retries.acked());
            boolean drained = new Admin(app.port()).awaitDrained(Duration.ofMinutes(3));
            Ledger ledger = Ledger.postgres(url, acked);
            MailTally mails = mail ? MailTally.of(ledger, sink.received()) : null;
            judge(verdict.core(load.sent(), load.acknowledged(), ledger, mails), load, drained);
            if (mails != null) {
                mails.checkInto(verdict);
            }
            ledger.checkInto(verdict, FaultRules.actionsPerRule(mail));
        }
        verdict.report();
    }

    /** Load, then the database down for the outage, then up: counts what callers saw in each phase. */
    private static void outage(Verdict verdict, Load load, Admin admin) throws Exception {
        Thread.sleep(BEFORE.toMillis());
        verdict.check(load.acknowledged() > 0, "nothing was acknowledged before the outage");
        PgCluster.stop();
        Thread.sleep(GRACE.toMillis());
        int ackedAtStop = load.acknowledged();
        Thread.sleep(OUTAGE.dividedBy(2).toMillis());
        int readyWhileDown = admin.readiness();
        Thread.sleep(OUTAGE.dividedBy(2).minus(GRACE).toMillis());
        int ackedWhileDown = load.acknowledged() - ackedAtStop;
        int refusedWhileDown = load.status(503);
        int ackedBeforeStart = load.acknowledged();
        long up = System.nanoTime();
        PgCluster.start();
        boolean recovered = load.awaitAcks(ackedBeforeStart + 1, Duration.ofSeconds(90));
        double recovery = (System.nanoTime() - up) / 1e9;
        boolean ready = awaitReady(admin);
        verdict.count("2xx-while-down", ackedWhileDown).count("503-while-down", refusedWhileDown)
                .count("first-2xx-after-start-s", String.format(Locale.ROOT, "%.1f", recovery))
                .count("readiness-while-down", readyWhileDown)
                .check(readyWhileDown == 503, "readiness answered " + readyWhileDown + " while the database was down")
                .check(ackedWhileDown == 0, ackedWhileDown + " call(s) acknowledged while the database was down")
                .check(refusedWhileDown > 0, "no call was answered 503 while the database was down")
                .check(recovered, "no call was acknowledged within 90 s of the database coming back")
                .check(ready, "readiness was not 200 within 90 s of the database coming back");
        Thread.sleep(AFTER.toMillis());
    }

    /** A sender retries each refused call later: each must now be acknowledged (200 if it was stored after all). */
    private static Load resend(Verdict verdict, Load load, int port) {
        Load retries = new Load(List.of(() -> port), "retry", 1, 0, Duration.ZERO);
        for (String order : load.refused()) {
            retries.post(port, order);
        }
        verdict.count("retried", load.refused().size()).count("retry-statuses", retries.statuses())
                .check(retries.acknowledged() == load.refused().size(),
                        "a retried call was not acknowledged: " + retries.statuses() + ", " + retries.unanswered() + " unanswered");
        return retries;
    }

    private static void judge(Verdict verdict, Load load, boolean drained) {
        verdict.count("statuses", load.statuses()).count("unanswered", load.unanswered())
                .check(EXPECTED.containsAll(load.statuses().keySet()), "answers other than 200, 202 and 503: " + load.statuses())
                .check(load.unanswered() == 0, load.unanswered() + " call(s) got no answer at all")
                .check(load.withoutRetryAfter() == 0, load.withoutRetryAfter() + " 503 answer(s) without Retry-After")
                .check(drained, "the service had not caught up 3 min after the outage");
    }

    private static boolean awaitReady(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (admin.readiness() == 200) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
