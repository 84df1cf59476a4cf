package com.truustrules.admin;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.truustrules.event.EventEvaluation;
import com.truustrules.event.EventStatus;
import com.truustrules.event.InboundEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event in full: the raw body as received (BOM aside), the kept headers and every rule run. */
public record EventDetail(UUID id, long seq, String type, String dedupKey, EventStatus status, Instant receivedAt,
        String sourceIp, @JsonRawValue String headers, String body, int attempts, Instant processedAt, String error,
        Instant nextAttemptAt, List<Run> evaluations) {

    /** One run of the rules over the event. */
    public record Run(Instant evaluatedAt, String ruleSetVersion, @JsonRawValue String results) {
    }

    static EventDetail of(InboundEvent e) {
        List<Run> runs = EventEvaluation.listForEvent(e.id).stream()
                .map(r -> new Run(r.evaluatedAt, r.ruleSetVersion, r.results)).toList();
        return new EventDetail(e.id, e.seq, e.type, e.dedupKey, e.status, e.receivedAt, e.sourceIp, e.headers, e.body,
                e.attempts, e.processedAt, e.error, e.nextAttemptAt, runs);
    }
}
