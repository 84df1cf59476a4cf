package com.truustrules.truust;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces calls to Truust at most {@code perSecond} a second, retries included. Fault Tolerance's own
 * rate limit refuses a call over the rate; a burst of webhooks should instead wait its turn.
 */
final class Pacer {

    private final long spacingNanos;
    private final LongSupplier nanoTime;
    private long next;

    Pacer(int perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** With its own clock ({@link System#nanoTime()} otherwise), for tests. */
    Pacer(int perSecond, LongSupplier nanoTime) {
        this.spacingNanos = 1_000_000_000L / Math.max(1, perSecond);
        this.nanoTime = nanoTime;
        this.next = nanoTime.getAsLong();
    }

    /** Reserves the first free slot at or after {@code earliest} from now; returns how long to wait for it. */
    synchronized Duration reserve(Duration earliest) {
        long now = nanoTime.getAsLong();
        long at = Math.max(now + earliest.toNanos(), next);
        next = at + spacingNanos;
        return Duration.ofNanos(at - now);
    }
}
