package com.truustrules.event;

import java.time.Instant;

/** Filters of the event list; null means "any". */
public record EventQuery(String type, EventStatus status, Instant since, Long before, int limit) {
}
