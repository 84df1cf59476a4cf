package com.truustrules.console.rules;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One stored event of a backfill preview and what the rule would make of it. */
@RegisterForReflection
public record BackfillSample(String eventId, String receivedAt, String orderId, String oncePer, String outcome,
        String reason) {
}
