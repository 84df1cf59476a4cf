package com.truustrules.event;

import java.time.Instant;

/** Filters of the event list; null means "any". */
public record EventQuery(String type, EventStatus status, EventSource source, Instant since, Long before, int limit) {
}
