package com.truustrules.common;

/**
 * Fired (async) by {@code truust.TruustLookups} when Truust answered a read, and observed by
 * {@code event.EventProcessor}: events left PENDING can be tried again now. It lives here so that
 * neither side depends on the other.
 */
public record TruustAnswered(String kind) {
}
