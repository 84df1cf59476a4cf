package com.truustrules.rule.expr;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How long one evaluation of an expression may run, and the clock it is measured with (a
 * nanosecond counter: the thread's CPU time in service, replaceable in tests so that they count
 * clock reads instead of measuring time).
 */
public record Budget(Duration timeout, LongSupplier nanoTime) {

    /** Read before DEFAULT is built. */
    private static final LongSupplier CPU_TIME = cpuTime();
    /** The default of TRUUST_RULES_EVALUATION_TIMEOUT, for code that has no settings (tests, tools). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    public static final Budget DEFAULT = of(DEFAULT_TIMEOUT);

    public Budget {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an evaluation timeout must be positive, not " + timeout);
        }
    }

    /**
     * A budget of CPU time of the evaluating thread: what a rule's own work costs. Wall time would
     * also count the time the thread waits for a core or for the garbage collector, and on a busy
     * machine turn a healthy rule into an error. Wall time where the JVM cannot measure CPU time.
     */
    public static Budget of(Duration timeout) {
        return new Budget(timeout, CPU_TIME);
    }

    private static LongSupplier cpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            if (threads.isCurrentThreadCpuTimeSupported()) {
                threads.setThreadCpuTimeEnabled(true);
                if (threads.getCurrentThreadCpuTime() >= 0) {
                    return threads::getCurrentThreadCpuTime;
                }
            }
        } catch (UnsupportedOperationException | SecurityException e) {
            // fall through to wall time
        }
        return System::nanoTime;
    }

    /** Starts the clock of one evaluation. */
    public Deadline start() {
        return new Deadline(this);
    }
}
