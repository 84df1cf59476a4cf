package com.truustrules.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * Firing state with poisoned events, installed with QuarkusMock: for a "refused" event the database
 * refuses a write (a rule id wider than rule_counter.rule_id, the defect of issue 9), which on
 * PostgreSQL aborts the whole transaction; for an "erroring" one settle throws an OutOfMemoryError;
 * for a "blocking" one it waits for a latch, as a hung call would.
 */
public class PoisonFiringState extends FiringState {

    private volatile Predicate<UUID> refused = id -> false;
    private volatile Predicate<UUID> erroring = id -> false;
    private volatile Predicate<UUID> blocking = id -> false;
    private volatile CountDownLatch release = new CountDownLatch(0);

    public PoisonFiringState(ObjectMapper json) {
        this.json = json;
    }

    public PoisonFiringState refuse(Predicate<UUID> events) {
        refused = events;
        return this;
    }

    public PoisonFiringState error(Predicate<UUID> events) {
        erroring = events;
        return this;
    }

    public CountDownLatch block(Predicate<UUID> events) {
        release = new CountDownLatch(1);
        blocking = events;
        return release;
    }

    @Override
    public Evaluation settle(Connection c, Rule rule, Evaluation matched, UUID eventId, boolean eventIsNew, Instant now)
            throws SQLException {
        if (refused.test(eventId)) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO rule_counter (rule_id, fired) VALUES (?, 1)")) {
                s.setString(1, "x".repeat(101));
                s.executeUpdate();
            }
            throw new IllegalStateException("the database took a 101-character rule id");
        }
        if (erroring.test(eventId)) {
            throw new OutOfMemoryError("simulated while settling " + rule.id());
        }
        if (blocking.test(eventId)) {
            awaitRelease();
        }
        return super.settle(c, rule, matched, eventId, eventIsNew, now);
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
