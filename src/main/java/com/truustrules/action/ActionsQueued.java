package com.truustrules.action;

/** Fired (asynchronously) after a transaction queued action jobs, to wake the dispatcher. */
public record ActionsQueued(int count) {
}
