package com.truustrules.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionDispatcher;
import com.truustrules.action.ActionJob;
import com.truustrules.action.ActionJobs;
import com.truustrules.action.JobStatus;
import com.truustrules.common.ProblemException;
import com.truustrules.db.Transactions;
import com.truustrules.security.AdminIdentityProvider;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/** Action jobs for ops people: what ran, what failed and why, and a hand to re-queue it. */
@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminIdentityProvider.ROLE)
@Tag(name = "actions")
public class ActionsResource {

    private static final Logger LOG = Logger.getLogger(ActionsResource.class);

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    Transactions transactions;

    @Inject
    ActionDispatcher dispatcher;

    /** One page of jobs. */
    public record JobPage(List<ActionJobView> items) {
    }

    @GET
    @Operation(summary = "Action jobs, newest first, optionally of one status")
    public JobPage list(@QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > 1000) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return new JobPage(ActionJob.listNewest(parseStatus(status), size).stream().map(j -> ActionJobView.of(j, json)).toList());
    }

    /**
     * Re-queues through the owner of action_job in a flushed commit, so that a retry answered 200 is
     * on disk like any other write (on H2, Panache would leave it to the background writer).
     */
    @POST
    @Path("{id}/retry")
    @Operation(summary = "Re-queue a failed or dead job now, with a fresh set of attempts")
    public ActionJobView retry(@PathParam("id") String id) {
        UUID jobId = EventsResource.parseId(id, "action job");
        ActionJobs.Requeue requeue = requeue(jobId)
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "no action job with id " + id));
        if (!requeue.requeued()) {
            throw new ProblemException(Response.Status.CONFLICT, "the job is " + requeue.job().status
                    + "; only a failed or dead job can be retried");
        }
        dispatcher.wake();
        return ActionJobView.of(requeue.job(), json);
    }

    /** The console's Retry all calls retry once per job, so a database that is away is a refusal, not a 500. */
    private Optional<ActionJobs.Requeue> requeue(UUID jobId) {
        try {
            return transactions.commit(c -> ActionJobs.requeue(c, jobId, clock.instant()));
        } catch (SQLException e) {
            LOG.warnf(e, "retry of action job %s not stored", jobId);
            throw new ProblemException(Response.Status.SERVICE_UNAVAILABLE, "the retry could not be stored; try again");
        }
    }

    private static JobStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "status must be one of " + List.of(JobStatus.values()).toString().toLowerCase(Locale.ROOT));
        }
    }
}
