package com.truustrules.admin;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.truustrules.event.EventStatus;
import com.truustrules.event.InboundEvent;
import java.time.Instant;
import java.util.UUID;

/** One event in full: the raw body as received (BOM aside) and the kept headers. */
public record EventDetail(UUID id, long seq, String type, String dedupKey, EventStatus status, Instant receivedAt,
        String sourceIp, @JsonRawValue String headers, String body, int attempts, Instant processedAt, String error) {

    static EventDetail of(InboundEvent e) {
        return new EventDetail(e.id, e.seq, e.type, e.dedupKey, e.status, e.receivedAt, e.sourceIp, e.headers, e.body,
                e.attempts, e.processedAt, e.error);
    }
}
