package com.truustrules.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.common.Ids;
import com.truustrules.db.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The owner of action_job: queue a firing's jobs, claim due jobs with a lease, record attempts,
 * finish, start the next action, re-queue by hand, purge finished ones.
 */
public final class ActionJobs {

    /** Appended to a finishing update's WHERE id = ?: the job is still held by the claim that ran it. */
    private static final String STILL_CLAIMED = " AND status = 'RUNNING' AND attempts = ?";
    /** Whether the database is PostgreSQL; one kind per process, known at the first claim. */
    private static volatile Boolean postgres;

    private ActionJobs() {
    }

    /**
     * Leases at most {@code limit} jobs that no one else holds: first those whose lease ran out (their
     * instance died; they have waited longest), then due ones. A lapsed job in {@code ownJobs} is not
     * taken: this instance still runs it or holds its outcome (the database was away for longer than
     * the lease), and taking it over would run it a second time. As for events, candidates are read
     * without locks first: H2 would lock every due row of an ordered FOR UPDATE, which makes each
     * claim cost the whole backlog.
     */
    static List<ClaimedJob> claim(Connection c, Instant now, int limit, Instant leaseUntil, Set<UUID> ownJobs)
            throws SQLException {
        // Waits for the WAL flush (one per claim of up to a worker's worth of jobs): a claim lost by a
        // database crash that this instance survives would let the job be claimed and run afresh under
        // the same attempt number while this instance still holds the first run's outcome.
        List<UUID> candidates = ids(c, "SELECT id FROM action_job WHERE status = 'RUNNING' AND lease_until < ? "
                + "FETCH FIRST ? ROWS ONLY", now, limit);
        candidates.removeIf(ownJobs::contains);
        if (candidates.size() < limit) {
            candidates.addAll(ids(c, "SELECT id FROM action_job WHERE status = 'PENDING' AND due_at <= ? "
                    + "ORDER BY status, due_at FETCH FIRST ? ROWS ONLY", now, limit - candidates.size()));
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<ClaimedJob> jobs = lock(c, candidates, now);
        for (ClaimedJob job : jobs) {
            update(c, "UPDATE action_job SET status = 'RUNNING', attempts = ?, lease_until = ?, updated_at = ? WHERE id = ?",
                    job.attempts(), leaseUntil, now, job.id());
        }
        return jobs;
    }

    /** Ends every lease still running: for jobs no one can be running any more. Returns how many. */
    static int endLeases(Connection c, Instant now) throws SQLException {
        return update(c, "UPDATE action_job SET lease_until = ? WHERE status = 'RUNNING' AND lease_until >= ?", now.minusMillis(1), now);
    }

    private static List<UUID> ids(Connection c, String sql, Instant now, int limit) throws SQLException {
        return Jdbc.list(c, sql, row -> row.getObject(1, UUID.class), now, limit);
    }

    /** Locks the candidates that are still due, skipping those another dispatcher holds. */
    private static List<ClaimedJob> lock(Connection c, List<UUID> candidates, Instant now) throws SQLException {
        List<Object> params = new ArrayList<>(candidates);
        params.add(now);
        params.add(now);
        // The firing's last index comes along (read off the firing index), so that a lone job, the common
        // case, skips the lookups of earlier results, later mails and the next action.
        return Jdbc.list(c, "SELECT id, idempotency_key, rule_id, firing_key, event_id, action_index, kind, spec, attempts, "
                + "created_at, sending_since, (SELECT MAX(f.action_index) FROM action_job f WHERE f.rule_id = action_job.rule_id "
                + "AND f.firing_key = action_job.firing_key) FROM action_job WHERE id IN (" + Jdbc.marks(candidates.size())
                + ") AND ((status = 'PENDING' AND due_at <= ?) OR (status = 'RUNNING' AND lease_until < ?)) "
                + "FOR UPDATE SKIP LOCKED",
                rows -> new ClaimedJob(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getObject(5, UUID.class), rows.getInt(6), rows.getString(7),
                        rows.getString(8), rows.getInt(9) + 1, Jdbc.instant(rows, 10), Jdbc.instant(rows, 11),
                        rows.getInt(12)), params.toArray());
    }

    /**
     * The finishing updates below apply only while the job is still this claim's (RUNNING, same attempt):
     * a repeated record after an in-doubt commit, or one that comes after another instance took the job
     * over, changes nothing. Each returns whether it applied.
     */
    static boolean done(Connection c, ClaimedJob job, String result, Instant now) throws SQLException {
        boolean applied = update(c, "UPDATE action_job SET status = 'DONE', result = ?, last_error = NULL, lease_until = NULL, "
                + "sending_since = NULL, updated_at = ? WHERE id = ?" + STILL_CLAIMED, result, now, job.id(), job.attempts()) == 1;
        if (applied) {
            startNext(c, job, now);
        }
        return applied;
    }

    /** The firing's next action becomes due now plus its own delay ('after'). */
    private static void startNext(Connection c, ClaimedJob job, Instant now) throws SQLException {
        if (!job.hasLaterActions()) {
            return;
        }
        record Next(UUID id, long delaySeconds) {
        }
        Optional<Next> next = Jdbc.first(c, "SELECT id, delay_seconds FROM action_job WHERE rule_id = ? AND firing_key = ? "
                + "AND action_index = ? AND status = 'WAITING'", row -> new Next(row.getObject(1, UUID.class), row.getLong(2)),
                job.ruleId(), job.firingKey(), job.index() + 1);
        if (next.isPresent()) {
            update(c, "UPDATE action_job SET status = 'PENDING', due_at = ?, updated_at = ? WHERE id = ?",
                    now.plusSeconds(next.get().delaySeconds()), now, next.get().id());
        }
    }

    static boolean retryAt(Connection c, ClaimedJob job, String error, Instant due, Instant now) throws SQLException {
        return update(c, "UPDATE action_job SET status = 'PENDING', due_at = ?, last_error = ?, lease_until = NULL, "
                + "sending_since = NULL, updated_at = ? WHERE id = ?" + STILL_CLAIMED, due, error, now, job.id(), job.attempts()) == 1;
    }

    static boolean dead(Connection c, ClaimedJob job, String error, Instant now) throws SQLException {
        return update(c, "UPDATE action_job SET status = 'DEAD', last_error = ?, lease_until = NULL, sending_since = NULL, "
                + "updated_at = ? WHERE id = ?" + STILL_CLAIMED, error, now, job.id(), job.attempts()) == 1;
    }

    /** Marks that the claim's attempt begins sending; false when the job is no longer this claim's. */
    static boolean markSending(Connection c, ClaimedJob job, Instant now) throws SQLException {
        return update(c, "UPDATE action_job SET sending_since = ? WHERE id = ?" + STILL_CLAIMED, now, job.id(),
                job.attempts()) == 1;
    }

    /** Records the claim's attempt once: a repeated record (its first commit was in doubt) adds no second row. */
    static void recordAttempt(Connection c, ClaimedJob job, Instant started, Instant finished, String outcome,
            String error) throws SQLException {
        update(c, "INSERT INTO action_attempt (id, job_id, attempt, started_at, finished_at, outcome, error) "
                + "SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
                + "(SELECT 1 FROM action_attempt WHERE job_id = ? AND attempt = ?)",
                Ids.newId(), job.id(), job.attempts(), started, finished, outcome, error, job.id(), job.attempts());
    }

    /** Results of the firing's earlier actions by kind, e.g. promo-code → {code: ...}. */
    static Map<String, String> earlierResults(Connection c, ClaimedJob job) throws SQLException {
        Map<String, String> results = new LinkedHashMap<>();
        if (job.index() == 0) {
            return results;
        }
        for (String[] kindAndResult : Jdbc.list(c, "SELECT kind, result FROM action_job WHERE rule_id = ? AND firing_key = ? "
                + "AND action_index < ? AND status = 'DONE' ORDER BY action_index",
                row -> new String[] {row.getString(1), row.getString(2)}, job.ruleId(), job.firingKey(), job.index())) {
            results.put(kindAndResult[0], kindAndResult[1]);
        }
        return results;
    }

    /** A mail action of the firing that comes after the claimed job: its index and settings (JSON). */
    record LaterMail(int index, String kind, String spec) {
    }

    /** The firing's mail actions (email, report) after this job, in order. */
    static List<LaterMail> laterMails(Connection c, ClaimedJob job) throws SQLException {
        return Jdbc.list(c, "SELECT action_index, kind, spec FROM action_job WHERE rule_id = ? AND firing_key = ? "
                + "AND action_index > ? AND kind IN ('email', 'report') ORDER BY action_index",
                row -> new LaterMail(row.getInt(1), row.getString(2), row.getString(3)),
                job.ruleId(), job.firingKey(), job.index());
    }

    /**
     * On PostgreSQL, lets this transaction's commit return before its WAL is flushed, so that outcomes
     * do not queue behind each other and the storing commits for the one WAL flush. For the outcome of
     * a job that wrote no sending mark only (the PostgreSQL side of {@code Transactions.commitRedoable}):
     * a crash of this service loses none of it (PostgreSQL keeps what it acknowledged, and flushes it
     * within wal_writer_delay or with the next flushed commit); a crash of the database server may lose
     * the last fraction of a second, which runs the job again as when an instance dies before recording
     * it. An outcome after a sending mark waits for the flush, or a crash would leave a delivered mail
     * "in doubt". Nothing on H2, where the checkpoint is what makes a commit durable.
     */
    static void withoutWaitingForWal(Connection c) throws SQLException {
        if (isPostgres(c)) {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit TO OFF");
            }
        }
    }

    private static boolean isPostgres(Connection c) throws SQLException {
        Boolean postgres = ActionJobs.postgres;
        if (postgres == null) {
            postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            ActionJobs.postgres = postgres;
        }
        return postgres;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        return Jdbc.update(c, sql, params);
    }

    /** A firing whose actions are to be queued; {@code eventId} is null for a scheduled rule. */
    public record Firing(String ruleId, String ruleVersion, String key, UUID eventId) {
    }

    /**
     * Queues one job per action of a firing, idempotency key rule|firing key|index: the first due now
     * (or after its delay), the others WAITING for their predecessor. {@code json} writes the settings.
     */
    public static void enqueue(Connection c, Firing firing, List<ActionSpec> actions, ObjectMapper json, Instant now)
            throws SQLException {
        Jdbc.batch(c, "INSERT INTO action_job (id, idempotency_key, rule_id, rule_version, firing_key, event_id, action_index, "
                + "kind, spec, status, attempts, delay_seconds, due_at, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)", actions, Integer.MAX_VALUE, (s, action) -> {
                    long delay = action.after() == null ? 0 : action.after().toSeconds();
                    boolean first = action.index() == 0;
                    Jdbc.bind(s, Ids.newId(), firing.ruleId() + "|" + firing.key() + "|" + action.index(), firing.ruleId(),
                            firing.ruleVersion(), firing.key(), firing.eventId(), action.index(), action.kind().key(),
                            spec(action, json), first ? "PENDING" : "WAITING", delay, first ? now.plusSeconds(delay) : null,
                            now, now);
                });
    }

    private static String spec(ActionSpec action, ObjectMapper json) {
        try {
            return json.writeValueAsString(new LinkedHashMap<>(action.params()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("action settings are not serialisable", e);
        }
    }

    /** Whether a job has been due (or its lease has run out) since before {@code before}: for liveness. */
    static boolean anyDueBefore(Connection c, Instant before) throws SQLException {
        return Jdbc.exists(c, "SELECT 1 FROM action_job WHERE (status = 'PENDING' AND due_at < ?) "
                + "OR (status = 'RUNNING' AND lease_until < ?) FETCH FIRST 1 ROWS ONLY", before, before);
    }

    /** What a retry by hand found: the job as it is after the retry (not managed by Panache), and whether it was re-queued. */
    public record Requeue(ActionJob job, boolean requeued) {
    }

    /**
     * Re-queues a failed (PENDING with an error) or dead job by hand: due now, with a fresh set of
     * attempts. The row is locked first, so a claim running at the same moment either comes before
     * (the job is no longer retryable) or after (it claims the re-queued job). Empty: no such job.
     */
    public static Optional<Requeue> requeue(Connection c, UUID id, Instant now) throws SQLException {
        Optional<ActionJob> found = Jdbc.first(c, "SELECT id, idempotency_key, rule_id, rule_version, firing_key, event_id, "
                + "action_index, kind, spec, status, attempts, due_at, last_error, result, created_at, updated_at "
                + "FROM action_job WHERE id = ? FOR UPDATE", ActionJobs::job, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ActionJob job = found.get();
        boolean retryable = job.status == JobStatus.DEAD || job.status == JobStatus.PENDING && job.lastError != null;
        if (retryable) {
            update(c, "UPDATE action_job SET status = 'PENDING', attempts = 0, due_at = ?, lease_until = NULL, "
                    + "sending_since = NULL, updated_at = ? WHERE id = ?", now, now, id);
            job.status = JobStatus.PENDING;
            job.attempts = 0;
            job.dueAt = now;
            job.updatedAt = now;
        }
        return Optional.of(new Requeue(job, retryable));
    }

    private static ActionJob job(ResultSet r) throws SQLException {
        ActionJob job = new ActionJob();
        job.id = r.getObject(1, UUID.class);
        job.idempotencyKey = r.getString(2);
        job.ruleId = r.getString(3);
        job.ruleVersion = r.getString(4);
        job.firingKey = r.getString(5);
        job.eventId = r.getObject(6, UUID.class);
        job.actionIndex = r.getInt(7);
        job.kind = r.getString(8);
        job.spec = r.getString(9);
        job.status = JobStatus.valueOf(r.getString(10));
        job.attempts = r.getInt(11);
        job.dueAt = Jdbc.instant(r, 12);
        job.lastError = r.getString(13);
        job.result = r.getString(14);
        job.createdAt = Jdbc.instant(r, 15);
        job.updatedAt = Jdbc.instant(r, 16);
        return job;
    }

    /** Deletes up to {@code batch} DONE and DEAD jobs last updated before the cutoff, with their attempts; returns how many. */
    static int purgeFinished(Connection c, Instant cutoff, int batch) throws SQLException {
        return update(c, "DELETE FROM action_job WHERE id IN (SELECT id FROM action_job "
                + "WHERE status IN ('DONE', 'DEAD') AND updated_at < ? FETCH FIRST ? ROWS ONLY)", cutoff, batch);
    }

}
