package com.truustrules.faults;

import com.truustrules.support.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL share the load; one is killed with SIGKILL half-way. The other takes
 * over its calls (as a balancer would send them) and its unfinished work: each event is evaluated
 * exactly once (one event_evaluation row), each action job done once, each mail sent once.
 */
@FaultScenario
class TwoInstancesFaultIT {

    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 400;
    private static final int KILL_AFTER_ACKS = THREADS * CALLS_PER_THREAD * 2 / 5;

    @Test
    void eachEventIsProcessedOnceAndEachActionRunsOnce() throws Exception {
        Verdict verdict = new Verdict("two-instances");
        Path dir = FaultApps.workDir("two-instances");
        boolean mail = FaultRules.mailRunner();
        Path rules = FaultRules.write(dir.resolve("rules"), mail);
        String url = PgCluster.freshDatabase("faults_two");
        Path logA = dir.resolve("app-a.log");
        Path logB = dir.resolve("app-b.log");
        try (MailSink sink = MailSink.start();
                AppProcess a = FaultApps.start(FaultApps.POSTGRESQL, config(rules, dir.resolve("data-a"), sink, url, true), logA);
                AppProcess b = FaultApps.start(FaultApps.POSTGRESQL, config(rules, dir.resolve("data-b"), sink, url, false), logB)) {
            Load load = new Load(List.of(a::port, b::port), "t", THREADS, CALLS_PER_THREAD, Duration.ZERO).start();
            boolean finished;
            try {
                load.awaitAcks(KILL_AFTER_ACKS, Duration.ofMinutes(2));
                verdict.count("killed-a-after-acks", load.acknowledged());
                a.kill();
                finished = load.awaitDone(Duration.ofMinutes(5));
            } finally {
                load.close();
            }
            boolean drained = new Admin(b.port()).awaitDrained(Duration.ofMinutes(3));
            Ledger ledger = Ledger.postgres(url, load.acked());
            MailTally mails = mail ? MailTally.of(ledger, sink.received()) : null;
            judge(verdict.core(load.sent(), load.acknowledged(), ledger, mails), ledger, load, finished && drained, logA, logB);
            if (mails != null) {
                mails.checkInto(verdict);
            }
            ledger.checkInto(verdict, FaultRules.actionsPerRule(mail));
        }
        verdict.report();
    }

    private static Map<String, String> config(Path rules, Path data, MailSink sink, String url, boolean clean) {
        return FaultApps.postgres(FaultApps.settings(rules, data, sink.port()), url, clean);
    }

    private static void judge(Verdict verdict, Ledger ledger, Load load, boolean done, Path logA, Path logB) {
        Map<String, Long> runsA = FaultApps.marked(FaultRules.LOG_MARK, logA);
        Map<String, Long> runsB = FaultApps.marked(FaultRules.LOG_MARK, logB);
        Map<String, Long> runs = new HashMap<>(runsA);
        runsB.forEach((order, n) -> runs.merge(order, n, Long::sum));
        verdict.count("unanswered", load.unanswered()).count("firings", ledger.firings()).count("jobs", ledger.jobs())
                .count("log-runs-a/b", runsA.size() + "/" + runsB.size()).count("log-repeats", FaultApps.repeats(runs))
                .check(done, "the load or the surviving instance had not finished within its bound")
                .check(!runsA.isEmpty() && !runsB.isEmpty(), "one instance ran no action, so the load was not shared");
    }
}
