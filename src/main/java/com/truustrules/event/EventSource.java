package com.truustrules.event;

import java.util.Locale;

/** Where a stored event came from: a call from Truust, or reconciliation with Truust's order list. */
public enum EventSource {
    WEBHOOK, RECONCILIATION;

    /** The value of inbound_event.source. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
