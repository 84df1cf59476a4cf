package com.truustrules.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.truustrules.support.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A rule file goes bad while calls come in: ingestion goes on, the last valid rule set keeps firing
 * and the error is reported (API and health); once the file is fixed, the new set takes over.
 */
@FaultScenario
class BrokenRulesFaultIT {

    private static final String V1 = "fault-v1";
    private static final String V2 = "fault-v2";
    private static final String V1_MARK = "v1 fired for ";
    private static final String V2_MARK = "v2 fired for ";
    /** Forbidden in a condition: the vocabulary checker must refuse it and keep the previous set. */
    private static final String BROKEN = """
            id: fault-v2
            description: A condition that tries to reach the file system
            on: [order.published]
            when: escrow.amount > 10 && new java.io.File('/tmp/truust-faults').delete()
            actions:
              - log: { message: "v2 fired for {escrow.id}" }
            """;
    private static final Duration PHASE = Duration.ofSeconds(5);

    @Test
    void ingestionAndTheLastValidRulesGoOnUntilTheFixTakesOver() throws Exception {
        Verdict verdict = new Verdict("broken-rules");
        Path dir = FaultApps.workDir("broken-rules");
        Path rules = dir.resolve("rules");
        FaultRules.write(rules.resolve(V1 + ".yaml"), FaultRules.logRule(V1, V1_MARK));
        Path log = dir.resolve("app.log");
        Map<String, String> acked;
        Load load;
        boolean drained;
        try (AppProcess app = FaultApps.start(FaultApps.H2, FaultApps.settings(rules, dir.resolve("data"), 25), log)) {
            Admin admin = new Admin(app.port());
            load = new Load(List.of(app::port), "b", 4, 1_000_000, Duration.ofMillis(10)).start();
            Set<String> afterFix;
            try {
                afterFix = run(admin, load, rules.resolve("broken.yaml"), verdict);
            } finally {
                load.close();
            }
            drained = admin.awaitDrained(Duration.ofMinutes(2));
            acked = Map.copyOf(load.acked());
            judgeV2(verdict.count("acked-after-fix", afterFix.size()), afterFix, FaultApps.marked(V2_MARK, log));
            app.stop();
        }
        Ledger ledger = Ledger.h2(dir.resolve("data"), acked);
        verdict.core(load.sent(), load.acknowledged(), ledger, null).count("statuses", load.statuses())
                .count("firings", ledger.firings()).count("v1-runs", FaultApps.marked(V1_MARK, log).size())
                .check(drained, "the service had not caught up 2 min after the load")
                .check(load.unanswered() == 0 && load.statuses().keySet().stream().allMatch(s -> s / 100 == 2),
                        "a call was not acknowledged: " + load.statuses() + ", " + load.unanswered() + " unanswered");
        ledger.checkInto(verdict, Map.of(V1, 1));
        verdict.report();
    }

    /** Valid, broken, fixed: one phase each; returns the orders acknowledged once the fix was seen. */
    private Set<String> run(Admin admin, Load load, Path file, Verdict verdict) throws Exception {
        Thread.sleep(PHASE.toMillis());
        String v1 = admin.rules().path("version").asText();
        long firingsBefore = admin.stats().path("firings").asLong();
        int acksBefore = load.acknowledged();
        FaultRules.write(file, BROKEN);
        JsonNode broken = await(admin, rules -> !rules.path("errors").isEmpty());
        checkReported(verdict, broken, admin.rulesHealth());
        boolean kept = holds(admin, PHASE, rules -> rules.path("version").asText().equals(v1));
        verdict.check(kept, "the active rule set changed while a file was broken")
                .check(admin.stats().path("firings").asLong() > firingsBefore, "no firing while a file was broken")
                .check(load.acknowledged() > acksBefore, "no call acknowledged while a file was broken");
        FaultRules.write(file, FaultRules.logRule(V2, V2_MARK));
        JsonNode fixed = await(admin, rules -> rules.path("errors").isEmpty() && has(rules, V2));
        verdict.check(fixed != null, "the fixed file was not loaded").check(
                "200 ok".equals(admin.rulesHealth()), "health did not return to ok after the fix: " + admin.rulesHealth());
        Set<String> seen = new HashSet<>(load.acked().keySet());
        Thread.sleep(PHASE.toMillis());
        Set<String> afterFix = new HashSet<>(load.acked().keySet());
        afterFix.removeAll(seen);
        return afterFix;
    }

    private static void checkReported(Verdict verdict, JsonNode rules, String health) {
        JsonNode error = rules == null ? null : rules.path("errors").path(0);
        verdict.check(error != null, "the broken file was never reported by /api/rules");
        if (error != null) {
            verdict.count("error", error.path("file").asText() + ":" + error.path("line").asText() + " "
                    + error.path("rule").asText())
                    .check(error.path("file").asText().endsWith("broken.yaml") && error.path("line").asInt() > 0
                            && V2.equals(error.path("rule").asText()), "the error does not name file, line and rule: " + error);
        }
        verdict.count("health-while-broken", health.replace(' ', '-'))
                .check("200 degraded".equals(health), "readiness while broken was " + health + ", not 200 degraded");
    }

    /** Every order acknowledged after the fix was seen ran the new rule's action. */
    private static void judgeV2(Verdict verdict, Set<String> afterFix, Map<String, Long> v2Runs) {
        long without = afterFix.stream().filter(order -> !v2Runs.containsKey(order)).count();
        verdict.count("v2-runs", v2Runs.size())
                .check(!afterFix.isEmpty(), "no call was acknowledged after the fix")
                .check(without == 0, without + " order(s) acknowledged after the fix did not fire the new rule");
    }

    /** Polls /api/rules until the condition holds (the poller looks every second); null after 20 s. */
    private static JsonNode await(Admin admin, Predicate<JsonNode> condition) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode rules = admin.rules();
            if (condition.test(rules)) {
                return rules;
            }
            Thread.sleep(100);
        }
        return null;
    }

    /** Whether the condition holds at every look over the whole period. */
    private static boolean holds(Admin admin, Duration period, Predicate<JsonNode> condition) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        boolean held = true;
        while (System.nanoTime() < end) {
            held &= condition.test(admin.rules());
            Thread.sleep(200);
        }
        return held;
    }

    private static boolean has(JsonNode rules, String id) {
        for (JsonNode rule : rules.path("rules")) {
            if (id.equals(rule.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}
