package com.truustrules.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event about to be stored: everything that must be durable before the call is acknowledged.
 * {@code orderId}: the Truust order it names (null: none), for dedup by order and status with
 * reconciliation; {@code source}: a webhook or reconciliation.
 */
public record NewEvent(UUID id, String type, String dedupKey, Instant receivedAt, String sourceIp,
        String headers, String body, String orderId, EventSource source) {
}
