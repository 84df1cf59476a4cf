package com.truustrules.action;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a runner needs for one attempt.
 *
 * @param spec the action's settings as written in the rule (texts may hold {placeholders})
 * @param facts the event's facts plus the results of the firing's earlier actions (e.g. promo.code)
 */
public record ActionContext(UUID jobId, String idempotencyKey, String ruleId, UUID eventId, int attempt,
        Map<String, Object> spec, Map<String, Object> facts, Instant now) {

    /** A setting rendered against the facts, or null when the rule does not give it. */
    public String text(String name) {
        Object value = spec.get(name);
        return value == null ? null : Templates.render(value.toString(), facts);
    }
}
