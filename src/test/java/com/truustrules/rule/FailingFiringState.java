package com.truustrules.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Firing state that fails every settle until healed: installed with QuarkusMock to see what a
 * failure in the middle of processing does to the event being processed.
 */
public class FailingFiringState extends FiringState {

    private volatile boolean failing = true;

    public FailingFiringState(ObjectMapper json) {
        this.json = json;
    }

    public void heal() {
        failing = false;
    }

    @Override
    public Evaluation settle(Connection c, Rule rule, Evaluation matched, UUID eventId, boolean eventIsNew, Instant now)
            throws SQLException {
        if (failing) {
            throw new SQLException("simulated failure while settling " + rule.id());
        }
        return super.settle(c, rule, matched, eventId, eventIsNew, now);
    }
}
