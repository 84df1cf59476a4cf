package com.truustrules.admin;

import com.truustrules.action.JobReads;
import com.truustrules.event.EventReads;
import com.truustrules.rule.FiringReads;
import com.truustrules.security.AdminIdentityProvider;
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

    /** Events and action jobs by status, and firings so far. */
    public record Stats(Map<String, Long> events, Map<String, Long> actions, long firings) {
    }

    @GET
    @Operation(summary = "Events and action jobs by status, and the number of firings")
    public Stats stats() throws SQLException {
        return new Stats(events.countByStatus(), jobs.countByStatus(), firings.count());
    }
}
