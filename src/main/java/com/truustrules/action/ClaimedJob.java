package com.truustrules.action;

import java.time.Instant;
import java.util.UUID;

/**
 * A job this dispatcher holds the lease of; attempts already counts the attempt about to run.
 * sendingSince is set when an earlier attempt began sending and never recorded an outcome;
 * lastIndex is the index of the firing's last action, so a lone job skips the firing's lookups.
 */
record ClaimedJob(UUID id, String idempotencyKey, String ruleId, String firingKey, UUID eventId, int index, String kind,
        String spec, int attempts, Instant createdAt, Instant sendingSince, int lastIndex) {

    /** A job whose firing's size is not known: every lookup of the firing's other actions is made. */
    ClaimedJob(UUID id, String idempotencyKey, String ruleId, String firingKey, UUID eventId, int index, String kind,
            String spec, int attempts, Instant createdAt, Instant sendingSince) {
        this(id, idempotencyKey, ruleId, firingKey, eventId, index, kind, spec, attempts, createdAt, sendingSince,
                Integer.MAX_VALUE);
    }

    /** Whether the firing has actions after this one (whose start or mail checks this job concerns). */
    boolean hasLaterActions() {
        return index < lastIndex;
    }
}
