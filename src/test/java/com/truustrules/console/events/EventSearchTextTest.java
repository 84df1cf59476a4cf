package com.truustrules.console.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventSearchTextTest {

    @Test
    void formTimesAreReadAsUtc() {
        assertEquals(Optional.of(Instant.parse("2026-11-27T10:00:00Z")), Times.parse("2026-11-27T10:00"));
        assertEquals(Optional.of(Instant.parse("2026-11-27T10:00:05Z")), Times.parse("2026-11-27T10:00:05Z"));
        assertEquals(Optional.empty(), Times.parse(" "));
        assertEquals("a time must look like 2026-11-27T10:00 (UTC) or 2026-11-27T10:00:00Z",
                assertThrows(IllegalArgumentException.class, () -> Times.parse("yesterday")).getMessage());
        assertEquals("2026-11-27 10:00:05 UTC", Times.text(Instant.parse("2026-11-27T10:00:05.123Z")));
    }
}
