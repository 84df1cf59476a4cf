package com.truustrules.admin;

import com.truustrules.common.ProblemException;
import com.truustrules.event.EventProcessor;
import com.truustrules.event.EventQuery;
import com.truustrules.event.EventSource;
import com.truustrules.event.EventStatus;
import com.truustrules.event.InboundEvent;
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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read access to stored events for ops people. */
@Path("/api/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminIdentityProvider.ROLE)
@Tag(name = "events")
public class EventsResource {

    @Inject
    EventProcessor processor;

    private static final int MAX_LIMIT = 1000;

    @GET
    @Operation(summary = "Stored events, newest first (source=webhook|reconciliation filters by origin); pass the answer's next as before= for the next page")
    public EventPage list(@QueryParam("type") String type, @QueryParam("status") String status,
            @QueryParam("source") String source, @QueryParam("since") String since, @QueryParam("before") Long before,
            @QueryParam("limit") Integer limit) {
        EventQuery query = new EventQuery(blankToNull(type), parseStatus(status), parseSource(source), parseInstant(since), before,
                checkLimit(limit));
        List<InboundEvent> events = InboundEvent.listPage(query);
        Long next = events.size() == query.limit() ? events.get(events.size() - 1).seq : null;
        return new EventPage(events.stream().map(EventSummary::of).toList(), next);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One event with its raw body and kept headers")
    public EventDetail get(@PathParam("id") String id) {
        return InboundEvent.findByIdOptional(parseId(id)).map(EventDetail::of)
                .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "no event with id " + id));
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Run the rules on a PROCESSED or FAILED event again now; actions it already queued are not "
            + "queued twice; 409 for a RECEIVED event, which the processor runs by itself")
    public ReplayResult replay(@PathParam("id") String id) throws SQLException {
        UUID eventId = parseId(id);
        try {
            return processor.replay(eventId).map(r -> new ReplayResult(eventId, r.status(), r.error(), r.evaluations()))
                    .orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "no event with id " + id));
        } catch (EventProcessor.NotReplayableException e) {
            throw new ProblemException(Response.Status.CONFLICT, e.getMessage());
        }
    }

    /** The evaluations of a replay and the event's status after it (FAILED, with the error, when a rule failed again). */
    public record ReplayResult(UUID id, EventStatus status, String error, List<?> evaluations) {
    }

    private static UUID parseId(String id) {
        return parseId(id, "event");
    }

    /** A path id as a UUID; anything else is no {@code thing} of ours: 404 naming what was looked for. */
    static UUID parseId(String id, String thing) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.NOT_FOUND, "no " + thing + " with id " + id);
        }
    }

    private static int checkLimit(Integer limit) {
        if (limit == null) {
            return 100;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static EventStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return EventStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "status must be one of " + List.of(EventStatus.values()).toString().toLowerCase(Locale.ROOT));
        }
    }

    private static EventSource parseSource(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            return EventSource.valueOf(source.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "source must be one of " + List.of(EventSource.values()).toString().toLowerCase(Locale.ROOT));
        }
    }

    private static Instant parseInstant(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "since must be an ISO-8601 instant such as 2026-11-27T00:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
