package com.truustrules.console.pools;

import com.truustrules.action.promo.PoolStats;
import com.truustrules.console.events.Times;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;

/** One pool as its page shows it: stock, the last hour's rate and when it runs out at that rate. */
@RegisterForReflection
public record PoolRow(String name, long left, long taken, long lastHour, String runsOut, boolean empty, boolean used) {

    /** The pool's row at {@code now}; {@code used}: an enabled rule takes codes from it. */
    static PoolRow of(PoolStats.Pool pool, Instant now, boolean used) {
        return new PoolRow(pool.name(), pool.left(), pool.taken(), pool.takenSince(), runsOut(pool, now), pool.left() == 0,
                used);
    }

    /** A rule's pool that has no file imported yet: nothing to hand out. */
    static PoolRow missing(String name) {
        return new PoolRow(name, 0, 0, 0, "empty: no codes imported", true, true);
    }

    /** Left divided by the last hour's takings, in hours; a pool nobody took from lasts forever at that rate. */
    static String runsOut(PoolStats.Pool pool, Instant now) {
        if (pool.left() == 0) {
            return "empty now";
        }
        if (pool.takenSince() == 0) {
            return "never at this rate";
        }
        Duration left = Duration.ofSeconds(Math.round(pool.left() * 3600.0 / pool.takenSince()));
        return "in " + text(left) + " (" + Times.text(now.plus(left)) + ")";
    }

    static String text(Duration d) {
        if (d.toDays() >= 2) {
            return d.toDays() + " days";
        }
        if (d.toHours() >= 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return Math.max(1, d.toMinutes()) + " min";
    }
}
