package com.truustrules.action;

import java.time.Instant;
import java.util.UUID;

/**
 * A job this dispatcher holds the lease of; attempts already counts the attempt about to run.
 * sendingSince is set when an earlier attempt began sending and never recorded an outcome.
 */
record ClaimedJob(UUID id, String idempotencyKey, String ruleId, String firingKey, UUID eventId, int index, String kind,
        String spec, int attempts, Instant createdAt, Instant sendingSince) {
}
