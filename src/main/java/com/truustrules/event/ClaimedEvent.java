package com.truustrules.event;

import java.time.Instant;
import java.util.UUID;

/** A stored event locked by this processor's transaction, with the rule runs it has had so far. */
public record ClaimedEvent(UUID id, String type, Instant receivedAt, String body, int attempts) {
}
