package com.truustrules.event;

import java.time.Instant;
import java.util.UUID;

/** A stored event as its rule run sees it: just inserted, claimed or locked for replay, with the runs it has had. */
public record EventRecord(UUID id, String type, Instant receivedAt, String body, int attempts) {
}
