package com.truustrules.rule.expr;

import java.time.Duration;

/** An evaluation used up its {@link Budget}: the rule's ERROR for this event, never a stalled thread. */
public class EvaluationTimeoutException extends EvaluationException {

    private final Duration timeout;

    public EvaluationTimeoutException(Duration timeout) {
        this(message(timeout), timeout);
    }

    EvaluationTimeoutException(String message, Duration timeout) {
        super(message, null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    static String message(Duration timeout) {
        return "evaluation timed out after " + timeout.toMillis() + " ms (TRUUST_RULES_EVALUATION_TIMEOUT)";
    }
}
