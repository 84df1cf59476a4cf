package com.truustrules.event;

import java.time.Instant;
import java.util.UUID;

/** An event about to be stored: everything that must be durable before the call is acknowledged. */
public record NewEvent(UUID id, String type, String dedupKey, Instant receivedAt, String sourceIp,
        String headers, String body) {
}
