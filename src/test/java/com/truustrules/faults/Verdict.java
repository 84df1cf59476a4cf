package com.truustrules.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/** One scenario's verdict: its counts, every check that failed, PASS or FAIL and its run time, as one line. */
final class Verdict {

    /** The counts every verdict shows, in this order, before the scenario's own. */
    private static final List<String> FIRST = List.of("sent", "acknowledged", "stored", "processed", "mails",
            "mails-expected/received/duplicated");

    private final String scenario;
    private final long started = System.nanoTime();
    private final Map<String, Object> counts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    Verdict(String scenario) {
        this.scenario = scenario;
    }

    Verdict count(String name, Object value) {
        counts.put(name, value);
        return this;
    }

    /** Records a failed check unless ok; the scenario goes on so that the verdict shows every count. */
    Verdict check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
        return this;
    }

    /** The counts every scenario reports: calls, rows, mails. */
    Verdict core(long sent, long acknowledged, Ledger ledger, MailTally mails) {
        count("sent", sent).count("acknowledged", acknowledged).count("stored", ledger.stored())
                .count("processed", ledger.processed());
        if (mails == null) {
            return count("mails", "n/a(no-e-mail-action-in-this-build)");
        }
        return count("mails-expected/received/duplicated", mails.expected() + "/" + mails.received() + "/" + mails.duplicated());
    }

    boolean passed() {
        return failures.isEmpty();
    }

    String line() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        FIRST.stream().filter(counts::containsKey).forEach(name -> ordered.put(name, counts.get(name)));
        ordered.putAll(counts);
        String numbers = ordered.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        String outcome = passed() ? "PASS" : "FAIL (" + String.join("; ", failures) + ")";
        return String.format(Locale.ROOT, "FAULT %s: %s -> %s in %.1f s", scenario, numbers, outcome, seconds());
    }

    /** Prints the line, keeps it for run.sh, and fails the test on FAIL. */
    void report() {
        publish(line());
        assertTrue(passed(), line());
    }

    /** The scenario cannot run in this build yet: says why, and skips the test rather than failing it. */
    void waitFor(String reason) {
        publish(String.format(Locale.ROOT, "FAULT %s: WAIT (%s) in %.1f s", scenario, reason, seconds()));
        Assumptions.abort(reason);
    }

    private double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    private static void publish(String line) {
        System.out.println(line);
        Path file = Path.of(System.getProperty("faults.verdicts", "target/faults/verdicts.txt"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
