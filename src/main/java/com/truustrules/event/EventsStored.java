package com.truustrules.event;

/** Fired (asynchronously) after a group commit stored new events, to wake the processor. */
public record EventsStored(int count) {
}
