package com.truustrules.console.events;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One line of the event list, every value already text (empty when absent). */
@RegisterForReflection
public record EventRow(String id, long seq, String receivedAt, String type, String orderId, String status,
        String rulesFired) {
}
