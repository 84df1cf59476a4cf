package com.truustrules.action;

import java.time.Duration;
import java.util.Map;

/**
 * How an attempt ended.
 *
 * @param result what later actions of the same firing may read (e.g. {code: ...} for promo-code)
 * @param retryAfter the earliest the next attempt may run, when the other side said so
 */
public record ActionOutcome(Status status, Map<String, Object> result, String error, Duration retryAfter) {

    /** Done, worth another try, or never going to work. */
    public enum Status {
        DONE, RETRY, FAILED
    }

    public static ActionOutcome done(Map<String, Object> result) {
        return new ActionOutcome(Status.DONE, result, null, null);
    }

    public static ActionOutcome retry(String error) {
        return new ActionOutcome(Status.RETRY, Map.of(), error, null);
    }

    public static ActionOutcome retry(String error, Duration retryAfter) {
        return new ActionOutcome(Status.RETRY, Map.of(), error, retryAfter);
    }

    public static ActionOutcome failed(String reason) {
        return new ActionOutcome(Status.FAILED, Map.of(), reason, null);
    }
}
