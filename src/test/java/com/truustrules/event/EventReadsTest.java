package com.truustrules.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventReadsTest {

    @Test
    void likeWildcardsInTheSearchTextMatchThemselvesOnly() {
        assertEquals("100!%", EventReads.likeEscaped("100%"));
        assertEquals("a!_b", EventReads.likeEscaped("a_b"));
        assertEquals("x!!y", EventReads.likeEscaped("x!y"));
        assertEquals("ana@example.com", EventReads.likeEscaped("ana@example.com"));
    }
}
