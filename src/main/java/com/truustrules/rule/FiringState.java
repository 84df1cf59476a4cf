package com.truustrules.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionJobs;
import com.truustrules.common.Hashing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.truustrules.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * The owner of rule_firing and rule_counter, the state behind once-per and limit; a firing's action
 * jobs are queued through their owner, {@link ActionJobs}. Every check is
 * backed by a unique key or an atomic UPDATE, so two instances cannot both fire where one may;
 * the loser's transaction fails and its events are claimed again.
 */
@ApplicationScoped
public class FiringState {

    @Inject
    ObjectMapper json;

    /**
     * Turns a matched evaluation into FIRED (actions queued), ALREADY_FIRED or LIMIT_REACHED. For an
     * event its own transaction has just stored ({@code eventIsNew}), a once-per-event key cannot have
     * fired yet and is not looked up; its unique key still stands guard.
     */
    public Evaluation settle(Connection c, Rule rule, Evaluation matched, UUID eventId, boolean eventIsNew, Instant now)
            throws SQLException {
        String key = firingKey(matched, eventId);
        boolean perEvent = matched.oncePer() == null;
        if (!(perEvent && eventIsNew) && alreadyFired(c, rule.id(), key)) {
            return matched.with(Evaluation.Outcome.ALREADY_FIRED, alreadyReason(matched));
        }
        if (rule.limit() != null && !takeFromLimit(c, rule.id(), rule.limit())) {
            return matched.with(Evaluation.Outcome.LIMIT_REACHED, "the limit of " + rule.limit() + " firing(s) is used up");
        }
        recordFiring(c, rule, key, eventId, now);
        ActionJobs.enqueue(c, new ActionJobs.Firing(rule.id(), rule.version(), key, eventId), rule.actions(), json, now);
        return matched.with(Evaluation.Outcome.FIRED, matched.reason() + "; " + rule.actions().size() + " action(s) queued");
    }

    /**
     * Fires a scheduled rule for one scheduled time; false when that time already fired (here or on
     * another instance, whose insert of the same key wins).
     */
    public boolean settleScheduled(Connection c, Rule rule, Instant scheduledAt, Instant now) throws SQLException {
        String key = "cron:" + scheduledAt;
        if (alreadyFired(c, rule.id(), key)) {
            return false;
        }
        recordFiring(c, rule, key, null, now);
        ActionJobs.enqueue(c, new ActionJobs.Firing(rule.id(), rule.version(), key, null), rule.actions(), json, now);
        return true;
    }

    /** What settle would decide, reading only: for dry runs. */
    public Evaluation preview(Connection c, Rule rule, Evaluation matched, UUID eventId) throws SQLException {
        if (alreadyFired(c, rule.id(), firingKey(matched, eventId))) {
            return matched.with(Evaluation.Outcome.ALREADY_FIRED, alreadyReason(matched));
        }
        if (rule.limit() != null && firedSoFar(c, rule.id()) >= rule.limit()) {
            return matched.with(Evaluation.Outcome.LIMIT_REACHED, "the limit of " + rule.limit() + " firing(s) is used up");
        }
        return matched.with(Evaluation.Outcome.MATCHED, matched.reason() + "; would queue " + rule.actions().size() + " action(s)");
    }

    static String firingKey(Evaluation matched, UUID eventId) {
        String key = matched.oncePer() != null ? "once:" + matched.oncePer() : "event:" + eventId;
        return key.length() <= 250 ? key : "sha256:" + Hashing.sha256Hex(key);
    }

    private static String alreadyReason(Evaluation matched) {
        return matched.oncePer() != null ? "already fired once for '" + matched.oncePer() + "' (once-per)"
                : "already fired for this event";
    }

    private boolean alreadyFired(Connection c, String rule, String key) throws SQLException {
        return Jdbc.exists(c, "SELECT 1 FROM rule_firing WHERE rule_id = ? AND firing_key = ?", rule, key);
    }

    private boolean takeFromLimit(Connection c, String rule, int limit) throws SQLException {
        if (increment(c, rule, limit)) {
            return true;
        }
        if (firedSoFar(c, rule) > 0) {
            return false;
        }
        Jdbc.update(c, "INSERT INTO rule_counter (rule_id, fired) VALUES (?, 1)", rule);
        return true;
    }

    private boolean increment(Connection c, String rule, int limit) throws SQLException {
        return Jdbc.update(c, "UPDATE rule_counter SET fired = fired + 1 WHERE rule_id = ? AND fired < ?",
                rule, (long) limit) == 1;
    }

    private long firedSoFar(Connection c, String rule) throws SQLException {
        return Jdbc.first(c, "SELECT fired FROM rule_counter WHERE rule_id = ?", row -> row.getLong(1), rule).orElse(0L);
    }

    private void recordFiring(Connection c, Rule rule, String key, UUID eventId, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO rule_firing (rule_id, firing_key, rule_version, event_id, fired_at) VALUES (?, ?, ?, ?, ?)",
                rule.id(), key, rule.version(), eventId, now);
    }
}
