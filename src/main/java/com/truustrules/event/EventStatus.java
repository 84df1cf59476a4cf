package com.truustrules.event;

/** Where an inbound event is in its life. */
public enum EventStatus {
    /** Stored and acknowledged; rules not yet run. */
    RECEIVED,
    /** Rules evaluated and their actions queued. */
    PROCESSED,
    /** Processing failed more times than allowed; kept for inspection and replay. */
    FAILED,
    /** Its rules need Truust's API, which has not answered yet; runs as soon as it does. */
    PENDING,
    /** Truust contradicts it (unknown order, earlier status): stored with the reason, no rule ran. */
    UNCONFIRMED
}
