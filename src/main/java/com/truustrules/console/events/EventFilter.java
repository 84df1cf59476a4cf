package com.truustrules.console.events;

import java.time.Instant;

/**
 * The event list's filters; null means "any". {@code text} is found anywhere in the raw body (an
 * order id, an e-mail), case-insensitively; {@code before} is the cursor (a seq).
 */
public record EventFilter(String type, String status, Instant since, Instant until, String rule, String text,
        Long before) {
}
