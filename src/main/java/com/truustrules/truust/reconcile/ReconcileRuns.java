package com.truustrules.truust.reconcile;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The owner of reconcile_run. A run is claimed by inserting its slot: the primary key lets exactly one
 * instance have it (as rule_firing's key does for a scheduled rule's time), and the row then keeps the
 * run's summary for every instance's /api/stats.
 */
@ApplicationScoped
public class ReconcileRuns {

    private static final String UNIQUE_VIOLATION = "23505";

    @Inject
    AgroalDataSource dataSource;

    /** Takes the slot; false when a run (on any instance) already took it. */
    boolean claim(Instant slot, Instant startedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("INSERT INTO reconcile_run (slot, started_at) VALUES (?, ?)")) {
            s.setObject(1, slot.atOffset(ZoneOffset.UTC));
            s.setObject(2, startedAt.atOffset(ZoneOffset.UTC));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** Records how the run of its slot ended. */
    void finish(RunSummary run) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("UPDATE reconcile_run "
                + "SET finished_at = ?, orders_seen = ?, events_added = ?, error = ? WHERE slot = ?")) {
            s.setObject(1, run.finishedAt().atOffset(ZoneOffset.UTC));
            s.setInt(2, run.ordersSeen());
            s.setInt(3, run.eventsAdded());
            s.setString(4, run.error());
            s.setObject(5, run.slot().atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }

    /** Drops the rows of runs started before {@code cutoff}: one row per interval would otherwise pile up for good. */
    int forgetBefore(Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM reconcile_run WHERE started_at < ?")) {
            s.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            return s.executeUpdate();
        }
    }

    /** The run that started last (finishedAt null: still running, or its instance stopped during it). */
    public Optional<RunSummary> last() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT slot, started_at, "
                + "finished_at, orders_seen, events_added, error FROM reconcile_run ORDER BY started_at DESC, slot DESC "
                + "FETCH FIRST 1 ROWS ONLY"); ResultSet rows = s.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            OffsetDateTime finished = rows.getObject(3, OffsetDateTime.class);
            return Optional.of(new RunSummary(rows.getObject(1, OffsetDateTime.class).toInstant(),
                    rows.getObject(2, OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant(),
                    rows.getInt(4), rows.getInt(5), rows.getString(6)));
        }
    }
}
