package com.truustrules.rule.expr;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long one evaluation of an expression may run, and the clock it is measured with (a
 * {@code System.nanoTime}-like counter, replaceable in tests so that they count clock reads
 * instead of measuring time).
 */
public record Budget(Duration timeout, LongSupplier nanoTime) {

    /** The default of TRUUST_RULES_EVALUATION_TIMEOUT, for code that has no settings (tests, tools). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    public static final Budget DEFAULT = of(DEFAULT_TIMEOUT);

    public Budget {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an evaluation timeout must be positive, not " + timeout);
        }
    }

    /** A budget measured with the JVM's monotonic clock. */
    public static Budget of(Duration timeout) {
        return new Budget(timeout, System::nanoTime);
    }

    /** Starts the clock of one evaluation. */
    public Deadline start() {
        return new Deadline(this);
    }
}
