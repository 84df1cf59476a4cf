package com.truustrules.common;

import java.time.Instant;

/**
 * Fired (async) by {@code truust.TruustLookups} when Truust answered a read, and observed by
 * {@code event.EventProcessor}: events left PENDING can be tried again now. {@code heldBefore}: a
 * PENDING event due no later than this was held before the answer came (its wait started earlier),
 * even if its hold is committed only after this notice is handled. It lives here so that neither
 * side depends on the other.
 */
public record TruustAnswered(String kind, Instant heldBefore) {
}
