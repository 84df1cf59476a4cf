package com.truustrules.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionJob;
import com.truustrules.action.JobStatus;
import com.truustrules.common.ProblemException;
import com.truustrules.security.AdminIdentityProvider;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Action jobs for ops people: what ran, what failed and why, and a hand to re-queue it. */
@Path("/api/actions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminIdentityProvider.ROLE)
@Tag(name = "actions")
public class ActionsResource {

    private static final Set<JobStatus> RETRYABLE = Set.of(JobStatus.DEAD, JobStatus.PENDING);

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

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

    @POST
    @Path("{id}/retry")
    @Transactional
    @Operation(summary = "Re-queue a failed or dead job now, with a fresh set of attempts")
    public ActionJobView retry(@PathParam("id") String id) {
        ActionJob job = ActionJob.<ActionJob>findByIdOptional(EventsResource.parseId(id, "action job"))
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "no action job with id " + id));
        if (!RETRYABLE.contains(job.status) || (job.status == JobStatus.PENDING && job.lastError == null)) {
            throw new ProblemException(Response.Status.CONFLICT, "the job is " + job.status
                    + "; only a failed or dead job can be retried");
        }
        job.status = JobStatus.PENDING;
        job.attempts = 0;
        job.dueAt = clock.instant();
        job.updatedAt = job.dueAt;
        return ActionJobView.of(job, json);
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
