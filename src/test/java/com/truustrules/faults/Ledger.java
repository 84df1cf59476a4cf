package com.truustrules.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the service's tables hold after a run, read over JDBC rather than through its API, so that a
 * verdict rests on rows: events, evaluations, firings, action jobs and their attempts.
 *
 * @param missing acknowledged events that are not stored
 * @param evaluationsNotOne stored events without exactly one evaluation row
 * @param firings firings by rule
 * @param jobsByRule action jobs by rule
 * @param jobs action jobs by status
 * @param jobsNotDoneOnce jobs that are not DONE with exactly one successful attempt
 * @param mailed who the promo rule fired for (its once-per key is the buyer's address)
 * @param inDoubt buyers whose mail job is DEAD "in doubt": a crash cut its attempt off while sending, so it
 *     was not sent again and waits for a person (the mail may or may not have arrived)
 * @param lockedUnowned open events and jobs whose locking read differs from the plain one: changes left
 *     over from a transaction cut off by a crash, which claims may skip for good
 */
record Ledger(int stored, int processed, int missing, int evaluationsNotOne, Map<String, Long> firings,
        Map<String, Long> jobsByRule, Map<String, Long> jobs, long jobsNotDoneOnce, Set<String> mailed,
        Set<String> inDoubt, long lockedUnowned) {

    private static final String NOT_ONE_EVALUATION = "SELECT COUNT(*) FROM inbound_event e WHERE "
            + "(SELECT COUNT(*) FROM event_evaluation v WHERE v.event_id = e.id) <> 1";
    private static final String IN_DOUBT = "j.status = 'DEAD' AND j.last_error LIKE 'in doubt:%'";
    private static final String NOT_DONE_ONCE = "SELECT COUNT(*) FROM action_job j WHERE NOT (" + IN_DOUBT + ") AND "
            + "(j.status <> 'DONE' OR (SELECT COUNT(*) FROM action_attempt a WHERE a.job_id = j.id AND a.outcome = 'DONE') <> 1)";

    /**
     * The embedded database of a data folder; only once its service is gone, since H2 locks the file.
     * Opening it changes the file (recovery, compaction on close), so the file as the service left it
     * is kept first in data-as-left/, for a diagnosis when the verdict is FAIL.
     */
    static Ledger h2(Path dataDir, Map<String, String> acked) throws SQLException, IOException {
        Path kept = Files.createDirectories(dataDir.resolveSibling("data-as-left"));
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, kept.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("truust-db");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            return read(c, acked).withLockedUnowned(lockedUnowned(c));
        }
    }

    static Ledger postgres(String url, Map<String, String> acked) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            return read(c, acked);
        }
    }

    /** @param acked acknowledged orders and their event ids */
    static Ledger read(Connection c, Map<String, String> acked) throws SQLException {
        try (Statement s = c.createStatement()) {
            Set<String> ids = strings(s, "SELECT CAST(id AS VARCHAR(36)) FROM inbound_event");
            int missing = (int) acked.values().stream().filter(id -> !ids.contains(id)).count();
            return new Ledger(ids.size(), (int) single(s, "SELECT COUNT(*) FROM inbound_event WHERE status = 'PROCESSED'"),
                    missing, (int) single(s, NOT_ONE_EVALUATION), grouped(s, "rule_firing", "rule_id"),
                    grouped(s, "action_job", "rule_id"), grouped(s, "action_job", "status"), single(s, NOT_DONE_ONCE),
                    recipients(c, "SELECT firing_key FROM rule_firing WHERE rule_id = ?"),
                    recipients(c, "SELECT firing_key FROM action_job j WHERE rule_id = ? AND kind = 'email' AND " + IN_DOUBT), 0);
        }
    }

    /** Adds the checks every scenario makes: nothing acknowledged lost, everything processed and acted on once. */
    void checkInto(Verdict verdict, Map<String, Integer> actionsPerRule) {
        verdict.check(missing == 0, missing + " acknowledged event(s) not stored")
                .check(processed == stored, (stored - processed) + " stored event(s) not processed")
                .check(evaluationsNotOne == 0, evaluationsNotOne + " event(s) without exactly one evaluation")
                .check(jobsNotDoneOnce == 0, jobsNotDoneOnce + " action job(s) not DONE exactly once " + jobs)
                .check(lockedUnowned == 0, lockedUnowned + " open event(s)/job(s) carry an uncommitted change of a dead "
                        + "transaction (FOR UPDATE reads another status)");
        actionsPerRule.forEach((rule, actions) -> {
            long fired = firings.getOrDefault(rule, 0L);
            verdict.check(fired == stored, "rule " + rule + " fired " + fired + " times for " + stored + " events")
                    .check(jobsByRule.getOrDefault(rule, 0L) == fired * actions,
                            "rule " + rule + ": " + jobsByRule.getOrDefault(rule, 0L) + " jobs for " + fired + " firings");
        });
    }

    private Ledger withLockedUnowned(long count) {
        return new Ledger(stored, processed, missing, evaluationsNotOne, firings, jobsByRule, jobs, jobsNotDoneOnce, mailed,
                inDoubt, count);
    }

    /**
     * Rows whose locking read (FOR UPDATE) shows another status than the plain read: a change by a
     * transaction that no longer exists, neither committed nor rolled back. Claims go by the locking
     * read, so such a row may never be claimed again. Only meaningful when no one else uses the database.
     */
    private static long lockedUnowned(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            return differing(s, "SELECT id, status FROM inbound_event WHERE status <> 'PROCESSED'")
                    + differing(s, "SELECT id, status FROM action_job WHERE status <> 'DONE'");
        } finally {
            c.rollback();
        }
    }

    private static long differing(Statement s, String sql) throws SQLException {
        Map<String, String> read = statuses(s, sql);
        Map<String, String> locked = statuses(s, sql + " FOR UPDATE");
        return read.entrySet().stream().filter(row -> !row.getValue().equals(locked.get(row.getKey()))).count();
    }

    private static Map<String, String> statuses(Statement s, String sql) throws SQLException {
        Map<String, String> statuses = new TreeMap<>();
        try (ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                statuses.put(rows.getString(1), rows.getString(2));
            }
        }
        return statuses;
    }

    /** Buyers named by the firing keys (once:<address>) the query selects for the mail rule. */
    private static Set<String> recipients(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, FaultRules.MAIL_RULE);
            Set<String> recipients = new HashSet<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    recipients.add(rows.getString(1).substring("once:".length()));
                }
            }
            return recipients;
        }
    }

    private static Set<String> strings(Statement s, String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Map<String, Long> grouped(Statement s, String table, String column) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rows = s.executeQuery("SELECT " + column + ", COUNT(*) FROM " + table + " GROUP BY " + column)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
