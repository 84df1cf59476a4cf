package com.truustrules.event;

import java.time.Instant;
import java.util.UUID;

/** A stored event locked by this processor's transaction. */
public record ClaimedEvent(UUID id, String type, Instant receivedAt, String body) {
}
