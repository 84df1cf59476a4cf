package com.truustrules.admin;

import com.truustrules.event.EventStatus;
import com.truustrules.event.InboundEvent;
import java.time.Instant;
import java.util.UUID;

/** An event in a list: no body. */
public record EventSummary(UUID id, long seq, String type, EventStatus status, Instant receivedAt, String sourceIp,
        int attempts, Instant processedAt, String orderId, String source) {

    static EventSummary of(InboundEvent e) {
        return new EventSummary(e.id, e.seq, e.type, e.status, e.receivedAt, e.sourceIp, e.attempts, e.processedAt, e.orderId, e.source);
    }
}
