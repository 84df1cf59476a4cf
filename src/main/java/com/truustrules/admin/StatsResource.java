package com.truustrules.admin;

import com.truustrules.action.JobReads;
import com.truustrules.event.EventReads;
import com.truustrules.event.EventSource;
import com.truustrules.rule.FiringReads;
import com.truustrules.security.AdminIdentityProvider;
import com.truustrules.truust.reconcile.ReconcileRuns;
import com.truustrules.truust.reconcile.RunSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts by status: what ops watch, and what the fault and load scripts check their verdicts against. */
@Path("/api/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminIdentityProvider.ROLE)
@Tag(name = "stats")
public class StatsResource {

    @Inject
    EventReads events;

    @Inject
    JobReads jobs;

    @Inject
    FiringReads firings;

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
        Reconciliation reconciliation = new Reconciliation(events.countFrom(EventSource.RECONCILIATION),
                reconcileRuns.last().orElse(null));
        return new Stats(events.countByStatus(), jobs.countByStatus(), firings.count(), reconciliation);
    }
}
