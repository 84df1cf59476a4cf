package com.truustrules.admin;

import com.truustrules.security.AdminIdentityProvider;
import com.truustrules.truust.reconcile.ReconcileRuns;
import com.truustrules.truust.reconcile.RunSummary;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts by status: what ops watch, and what the fault and load scripts check their verdicts against. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminIdentityProvider.ROLE)
@Tag(name = "stats")
public class StatsResource {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReconcileRuns reconcileRuns;

    /** Events and action jobs by status, firings so far, and what reconciliation added. */
    public record Stats(Map<String, Long> events, Map<String, Long> actions, long firings, Reconciliation reconciliation) {
    }

    /** Events reconciliation added in all, and its last run (null: none yet). */
    public record Reconciliation(long events, RunSummary lastRun) {
    }

    @GET
    @Operation(summary = "Events and action jobs by status, the number of firings, and what reconciliation with Truust's "
            + "order list added (in all, and its last run)")
    public Stats stats() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Reconciliation reconciliation = new Reconciliation(
                    single(s, "SELECT COUNT(*) FROM inbound_event WHERE source = 'reconciliation'"), reconcileRuns.last().orElse(null));
            return new Stats(byStatus(s, "inbound_event"), byStatus(s, "action_job"), single(s, "SELECT COUNT(*) FROM rule_firing"),
                    reconciliation);
        }
    }

    private static Map<String, Long> byStatus(Statement s, String table) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (ResultSet rows = s.executeQuery("SELECT status, COUNT(*) FROM " + table + " GROUP BY status")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
