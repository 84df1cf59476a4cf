package com.truustrules.console.pools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.action.promo.PoolStats;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsolePoolRowTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void runsOutAtTheLastHoursRate() {
        assertEquals("in 2 h 30 min (2026-11-27 12:30:00 UTC)", PoolRow.runsOut(new PoolStats.Pool("BF", 50, 70, 20), NOW));
        assertEquals("in 3 min (2026-11-27 10:03:00 UTC)", PoolRow.runsOut(new PoolStats.Pool("BF", 5, 95, 100), NOW));
        assertEquals("in 1 min (2026-11-27 10:00:04 UTC)", PoolRow.runsOut(new PoolStats.Pool("BF", 1, 1000, 1000), NOW));
        assertEquals("in 41 days (2027-01-08 02:00:00 UTC)", PoolRow.runsOut(new PoolStats.Pool("BF", 1000, 1, 1), NOW));
    }

    @Test
    void aPoolNobodyTookFromLastsAndAnEmptyOneIsSaidEmpty() {
        assertEquals("never at this rate", PoolRow.runsOut(new PoolStats.Pool("BF", 10, 5, 0), NOW));
        assertEquals("empty now", PoolRow.runsOut(new PoolStats.Pool("BF", 0, 10, 3), NOW));
        PoolRow missing = PoolRow.missing("NEW");
        assertEquals(true, missing.empty());
        assertEquals(true, missing.used());
    }
}
