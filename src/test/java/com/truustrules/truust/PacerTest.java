package com.truustrules.truust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The pacer that every call to Truust takes a slot of, first tries and retries alike
 * ({@code TruustApi.read} before the guard, its backoff before each retry): never more than the rate
 * in any second, however many ask at once. Driven by a clock of its own, so that a loaded machine
 * cannot blur the figures.
 */
class PacerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstIsSpacedAtTheRate() {
        Pacer pacer = new Pacer(20, now::get);
        for (int i = 0; i < 41; i++) {
            assertEquals(Duration.ofMillis(50L * i), pacer.reserve(Duration.ZERO), "call " + i);
        }
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(Duration.ZERO, pacer.reserve(Duration.ZERO), "after a quiet spell a call goes at once");
        assertEquals(Duration.ofMillis(50), pacer.reserve(Duration.ZERO), "and the next waits its slot");
    }

    @Test
    void aRetryWaitsForItsBackoffAndStillTakesAFreeSlot() {
        Pacer pacer = new Pacer(10, now::get);
        assertEquals(Duration.ofMillis(300), pacer.reserve(Duration.ofMillis(300)), "the backoff asked for");
        assertEquals(Duration.ofMillis(400), pacer.reserve(Duration.ZERO), "a call asked for meanwhile goes after the retry");
        assertEquals(Duration.ofMillis(2000), pacer.reserve(Duration.ofSeconds(2)), "a longer Retry-After wins over the rate");
    }

    @Test
    void timePassingFreesSlots() {
        Pacer pacer = new Pacer(4, now::get);
        pacer.reserve(Duration.ZERO);
        pacer.reserve(Duration.ZERO);
        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertEquals(Duration.ofMillis(400), pacer.reserve(Duration.ZERO), "slot at 500 ms, asked at 100 ms");
    }
}
