package com.truustrules.rule;

import java.time.Duration;

/**
 * What the database accepts of the values a rule writes (widths in db/migration V1-V3). A value
 * past these is refused at load: the database would refuse it only when the rule runs, and then
 * for every event it matches.
 */
final class ColumnLimits {

    /** rule_firing.rule_id, rule_counter.rule_id, action_job.rule_id. */
    static final int RULE_ID = 100;

    /** inbound_event.type. */
    static final int EVENT_TYPE = 120;

    /**
     * The longest 'after': a job's due time must stay a timestamp both databases store (PostgreSQL
     * ends in year 294276), and no promotion waits ten years to send its e-mail.
     */
    static final Duration AFTER = Duration.ofDays(3650);

    private ColumnLimits() {
    }

    /** The message for a value the database would refuse; null when it fits. */
    static String tooLong(String what, String value, int max) {
        return value.length() <= max ? null
                : what + " has at most " + max + " characters (the database column's width), not " + value.length();
    }
}
