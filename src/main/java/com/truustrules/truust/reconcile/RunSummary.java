package com.truustrules.truust.reconcile;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One reconciliation run: its interval slot, when it ran, the orders Truust listed, the events it
 * added (notifications that never came), and why it stopped early (null: it went through).
 */
@RegisterForReflection
public record RunSummary(Instant slot, Instant startedAt, Instant finishedAt, int ordersSeen, int eventsAdded, String error) {
}
