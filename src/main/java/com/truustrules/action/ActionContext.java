package com.truustrules.action;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a runner needs for one attempt.
 *
 * @param spec the action's settings as written in the rule (texts may hold {placeholders})
 * @param facts the event's facts plus the results of the firing's earlier actions (e.g. promo.code)
 * @param sending what a runner calls right before the step whose repeat a person would notice
 */
public record ActionContext(UUID jobId, String idempotencyKey, String ruleId, UUID eventId, int attempt,
        Map<String, Object> spec, Map<String, Object> facts, Instant now, Sending sending) {

    /**
     * Writes down that the attempt begins handing something over for good (a mail to an SMTP server).
     * A job found so marked after its instance died is not run again but left DEAD "in doubt" for a
     * person, since the recipient may have it. Throws (a retryable failure) when the mark cannot be
     * written or the job is no longer this attempt's.
     */
    @FunctionalInterface
    public interface Sending {
        Sending NOT_RECORDED = () -> {
        };

        void begin();
    }

    /** A context whose sending is not recorded (tests, dry runs). */
    public ActionContext(UUID jobId, String idempotencyKey, String ruleId, UUID eventId, int attempt,
            Map<String, Object> spec, Map<String, Object> facts, Instant now) {
        this(jobId, idempotencyKey, ruleId, eventId, attempt, spec, facts, now, Sending.NOT_RECORDED);
    }

    /** A setting rendered against the facts, or null when the rule does not give it. */
    public String text(String name) {
        Object value = spec.get(name);
        return value == null ? null : Templates.render(value.toString(), facts);
    }
}
