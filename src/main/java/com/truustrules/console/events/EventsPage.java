package com.truustrules.console.events;

import static com.truustrules.console.FormValues.blank;
import static com.truustrules.console.FormValues.orEmpty;

import com.truustrules.admin.EventDetail;
import com.truustrules.admin.EventsResource;
import com.truustrules.common.ProblemException;
import com.truustrules.console.ConsoleRefusal;
import com.truustrules.console.SignInFirst;
import com.truustrules.console.View;
import com.truustrules.console.actions.JobFilter;
import com.truustrules.console.actions.JobSearch;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.event.EventCounts;
import com.truustrules.event.EventStatus;
import com.truustrules.console.samples.SampleButtons;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.security.AdminIdentityProvider;
import com.truustrules.common.EventTypes;
import jakarta.annotation.security.RolesAllowed;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The console's event list (its landing page) and one event's page, with Replay. */
@Path("/console/events")
@RolesAllowed(AdminIdentityProvider.ROLE)
public class EventsPage {

    static final int PAGE_SIZE = 100;
    static final int LOOKBACK = 20;
    private static final int MAX_SEARCH = 200;

    @Inject
    ConsoleGuard guard;

    @Inject
    EventSearch search;

    @Inject
    EventViews views;

    @Inject
    JobSearch jobs;

    @Inject
    EventsResource events;

    @Inject
    RuleRegistry registry;

    @Inject
    Enrichments enrichments;

    @Inject
    EventCounts counts;

    @Inject
    SampleButtons samples;

    @GET
    @Operation(hidden = true)
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @QueryParam("type") String type,
            @QueryParam("status") String status, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("rule") String rule, @QueryParam("q") String text, @QueryParam("before") Long before,
            @QueryParam("sent") String sent, @QueryParam("answer") String answer) throws SQLException {
        EventFilter filter = filter(type, status, since, until, rule, text, before);
        EventSearch.Page page = search.find(filter, PAGE_SIZE);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rows", page.rows());
        data.put("nextQuery", page.next() == null ? "" : query(type, status, since, until, rule, text) + "before=" + page.next());
        data.put("form", formValues(type, status, since, until, rule, text));
        data.put("statuses", List.of(EventStatus.values()).stream().map(Enum::name).toList());
        data.put("types", knownTypes());
        data.put("rules", registry.active().rules().stream().map(Rule::id).sorted().toList());
        // Live updates only where new events belong: the first page of the unfiltered list.
        boolean live = before == null && query(type, status, since, until, rule, text).isEmpty();
        data.put("liveAfter", !live ? "" : Long.toString(page.rows().isEmpty() ? 0 : page.rows().get(0).seq()));
        data.put("samples", samples.names());
        data.put("message", sentMessage(sent, answer, samples.names()));
        return View.page("events", guard.session(sessionId), data);
    }

    /**
     * The event list's rows newer than {@code after} (a seq), newest first, at most a page: what
     * console.js polls for. It looks {@link #LOOKBACK} seqs further back, since a seq is taken when an
     * event is stored and its commit may come after a later one's; the script skips rows it has.
     */
    @GET
    @Path("newer")
    @Operation(hidden = true)
    public Response newer(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @QueryParam("after") Long after)
            throws SQLException {
        if (after == null || after < 0) {
            throw new ConsoleRefusal(Response.Status.BAD_REQUEST, "after must be an event's seq (0 or more).");
        }
        List<Long> seqs = counts.seqsAfter(Math.max(0, after - LOOKBACK), PAGE_SIZE);
        List<EventRow> rows = seqs.isEmpty() ? List.of()
                : search.find(new EventFilter(null, null, null, null, null, null, seqs.get(0) + 1), seqs.size()).rows();
        return View.page("event-rows", guard.session(sessionId), Map.of("rows", rows));
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Response one(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @PathParam("id") String id,
            @QueryParam("done") String done) throws SQLException {
        EventDetail detail = detail(id);
        EventView view = views.of(detail, jobs.find(new JobFilter(null, null, null, detail.id()), 1000));
        String message = "replayed".equals(done) ? "Replayed: the rules ran again; the newest run is listed first." : "";
        return View.page("event", guard.session(sessionId), Map.of("event", view, "message", message,
                "enrichment", enrichments.of(detail)));
    }

    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response replay(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @PathParam("id") String id,
            @FormParam("_csrf") String csrf) throws SQLException {
        guard.checkForm(sessionId, csrf);
        UUID eventId = detail(id).id();
        try {
            events.replay(eventId.toString());
        } catch (ProblemException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return View.seeOther("/console/events/" + eventId + "?done=replayed");
    }

    /** What became of a sample webhook the button sent (dev mode); the name must be a sample's, the answer a status. */
    static String sentMessage(String sent, String answer, List<String> samples) {
        if (sent == null || answer == null || !samples.contains(sent) || !answer.matches("[1-5][0-9][0-9]")) {
            return "";
        }
        String outcome = switch (answer) {
            case "202" -> "stored and evaluated, the newest row below.";
            case "200" -> "a duplicate of an earlier call, stored once.";
            default -> "refused by the webhook endpoint (see the service log): nothing was stored.";
        };
        return "Sent the sample " + sent + " to /webhooks/truust/" + sent + ": HTTP " + answer + ", " + outcome;
    }

    private EventDetail detail(String id) {
        try {
            return events.get(id);
        } catch (ProblemException e) {
            throw new ConsoleRefusal(e.status(), "There is no event with this id.");
        }
    }

    private EventFilter filter(String type, String status, String since, String until, String rule, String text,
            Long before) {
        try {
            return new EventFilter(blank(type) ? null : EventTypes.normalize(type.trim()), status(status),
                    Times.parse(since).orElse(null), Times.parse(until).orElse(null), blank(rule) ? null : rule.trim(),
                    searchText(text), before);
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefusal(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    private static String status(String status) {
        if (blank(status)) {
            return null;
        }
        try {
            return EventStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be one of " + List.of(EventStatus.values()));
        }
    }

    private static String searchText(String text) {
        if (blank(text)) {
            return null;
        }
        if (text.length() > MAX_SEARCH) {
            throw new IllegalArgumentException("the search text is longer than " + MAX_SEARCH + " characters");
        }
        return text.trim();
    }

    private List<String> knownTypes() {
        TreeSet<String> types = new TreeSet<>(EventTypes.KNOWN);
        registry.active().rules().forEach(r -> types.addAll(r.on()));
        types.remove(Rule.ANY_TYPE);
        return List.copyOf(types);
    }

    private static Map<String, String> formValues(String type, String status, String since, String until, String rule,
            String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", orEmpty(type));
        form.put("status", orEmpty(status));
        form.put("since", orEmpty(since));
        form.put("until", orEmpty(until));
        form.put("rule", orEmpty(rule));
        form.put("q", orEmpty(text));
        return form;
    }

    /** The filters as a query string for the next page's link, each value URL-encoded. */
    private static String query(String... values) {
        String[] names = {"type", "status", "since", "until", "rule", "q"};
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (!blank(values[i])) {
                query.append(names[i]).append('=').append(URLEncoder.encode(values[i], StandardCharsets.UTF_8)).append('&');
            }
        }
        return query.toString();
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
