package com.truustrules.action;

import java.time.Instant;
import java.util.UUID;

/** A job this dispatcher holds the lease of; attempts already counts the attempt about to run. */
record ClaimedJob(UUID id, String idempotencyKey, String ruleId, String firingKey, UUID eventId, int index, String kind,
        String spec, int attempts, Instant createdAt) {
}
