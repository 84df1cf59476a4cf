package com.truustrules.rule.expr;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves a fixed step each time it is read, and counts the reads: time without waiting. */
public final class CountingClock implements LongSupplier {

    private final long step;
    private long reads;

    public CountingClock(Duration step) {
        this.step = step.toNanos();
    }

    @Override
    public long getAsLong() {
        return step * reads++;
    }

    public long reads() {
        return reads;
    }

    /** A budget of this many steps, measured with this clock. */
    public Budget budget(long steps) {
        return new Budget(Duration.ofNanos(step * steps), this);
    }
}
