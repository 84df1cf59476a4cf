package com.truustrules.faults;

import com.truustrules.support.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under load, five rounds at seeded random moments (set faults.seed to repeat a run): every
 * event that got a 2xx is stored, every fired action ran once, no e-mail went out twice.
 */
@FaultScenario
class KillUnderLoadFaultIT {

    private static final int ROUNDS = 5;
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 1500;
    /** The kill comes this long at most after the round's first acknowledgement. */
    private static final int MAX_KILL_DELAY_MS = 2500;

    private final Map<String, String> acked = new HashMap<>();
    private final List<Path> logs = new ArrayList<>();
    private long sent;
    private long unanswered;

    @Test
    void everyAcknowledgedEventSurvivesAndEveryActionRunsOnce() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        Random random = new Random(seed);
        Verdict verdict = new Verdict("kill-9").count("seed", seed);
        Path dir = FaultApps.workDir("kill-9");
        boolean mail = FaultRules.mailRunner();
        Path rules = FaultRules.write(dir.resolve("rules"), mail);
        try (MailSink sink = MailSink.start()) {
            Map<String, String> config = FaultApps.settings(rules, dir.resolve("data"), sink.port());
            List<Integer> moments = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                moments.add(random.nextInt(MAX_KILL_DELAY_MS));
                loadAndKill(config, dir.resolve("app-" + round + ".log"), "k" + round, moments.get(round));
            }
            boolean drained = restartAndDrain(config, dir.resolve("app-last.log"));
            Ledger ledger = Ledger.h2(dir.resolve("data"), acked);
            MailTally mails = mail ? MailTally.of(ledger, sink.received()) : null;
            judge(verdict.count("kill-ms", moments), ledger, mails, drained, mail);
        }
        verdict.report();
    }

    private void loadAndKill(Map<String, String> config, Path log, String prefix, int killAfterMs) throws Exception {
        logs.add(log);
        try (AppProcess app = FaultApps.start(FaultApps.H2, config, log)) {
            Load load = new Load(List.of(app::port), prefix, THREADS, CALLS_PER_THREAD, Duration.ZERO).start();
            try {
                load.awaitAcks(1, Duration.ofSeconds(60));
                Thread.sleep(killAfterMs);
                app.kill();
            } finally {
                load.close();
            }
            acked.putAll(load.acked());
            sent += load.sent();
            unanswered += load.unanswered();
            System.out.printf("kill-9 %s: killed %d ms after the first ack; %d sent, %d acknowledged, %d unanswered%n",
                    prefix, killAfterMs, load.sent(), load.acknowledged(), load.unanswered());
        }
    }

    /** The last start: recovery, then everything left over is processed and run before the rows are read. */
    private boolean restartAndDrain(Map<String, String> config, Path log) throws Exception {
        logs.add(log);
        try (AppProcess app = FaultApps.start(FaultApps.H2, config, log)) {
            boolean drained = new Admin(app.port()).awaitDrained(Duration.ofMinutes(3));
            app.stop();
            return drained;
        }
    }

    private void judge(Verdict verdict, Ledger ledger, MailTally mails, boolean drained, boolean mail) {
        Map<String, Long> runs = FaultApps.marked(FaultRules.LOG_MARK, logs.toArray(Path[]::new));
        verdict.core(sent, acked.size(), ledger, mails).count("unanswered", unanswered)
                .count("firings", ledger.firings()).count("jobs", ledger.jobs())
                .count("log-runs", runs.size()).count("log-repeats", FaultApps.repeats(runs))
                .check(drained, "the service had not caught up 3 min after the last restart")
                .check(unanswered > 0, "no kill interrupted a call in flight, so the rounds prove little");
        ledger.checkInto(verdict, FaultRules.actionsPerRule(mail));
        if (mails != null) {
            mails.checkInto(verdict);
        }
    }
}
