package com.truustrules.console.actions;

import static com.truustrules.console.FormValues.blank;
import static com.truustrules.console.FormValues.orEmpty;

import com.truustrules.admin.ActionsResource;
import com.truustrules.common.ProblemException;
import com.truustrules.console.ConsoleConfig;
import com.truustrules.console.ConsoleRefusal;
import com.truustrules.console.SignInFirst;
import com.truustrules.console.View;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.security.AdminIdentityProvider;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Action jobs by state, with Retry on one and Retry all that match the filter. */
@Path("/console/actions")
@RolesAllowed(AdminIdentityProvider.ROLE)
public class ActionsPage {

    private static final int PAGE_SIZE = 200;

    @Inject
    ConsoleGuard guard;

    @Inject
    ConsoleConfig config;

    @Inject
    JobSearch search;

    @Inject
    ActionsResource actions;

    /** What a bulk retry did; shown on the page it redirects to. */
    public record RetryReport(int requeued, int refused, boolean more) {
    }

    @GET
    @Operation(hidden = true)
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @QueryParam("state") String state,
            @QueryParam("rule") String rule, @QueryParam("kind") String kind, @QueryParam("requeued") Integer requeued,
            @QueryParam("refused") Integer refused, @QueryParam("more") boolean more) throws SQLException {
        JobFilter filter = filter(state, rule, kind);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobs", search.find(filter, PAGE_SIZE));
        data.put("tabs", tabs(rule, kind));
        data.put("form", Map.of("state", filter.state() == null ? "" : filter.state().name(), "rule", orEmpty(rule),
                "kind", orEmpty(kind)));
        data.put("message", requeued == null ? "" : report(new RetryReport(requeued, refused == null ? 0 : refused, more)));
        return View.page("actions", guard.session(sessionId), data);
    }

    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response retry(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @PathParam("id") String id,
            @FormParam("_csrf") String csrf) {
        guard.checkForm(sessionId, csrf);
        try {
            actions.retry(id);
        } catch (ProblemException e) {
            throw new ConsoleRefusal(e.status(), e.getMessage());
        }
        return View.seeOther("/console/actions?requeued=1&refused=0");
    }

    @POST
    @Path("retry-all")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response retryAll(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @FormParam("_csrf") String csrf,
            @FormParam("state") String state, @FormParam("rule") String rule, @FormParam("kind") String kind)
            throws SQLException {
        guard.checkForm(sessionId, csrf);
        JobFilter filter = filter(state, rule, kind);
        List<UUID> ids = search.retryable(filter, config.retryAllLimit() + 1);
        boolean more = ids.size() > config.retryAllLimit();
        RetryReport report = retryEach(more ? ids.subList(0, config.retryAllLimit()) : ids, more);
        return View.seeOther("/console/actions?" + query(state, rule, kind) + "requeued=" + report.requeued()
                + "&refused=" + report.refused() + "&more=" + report.more());
    }

    /** Each job through the admin API's retry, in its own transaction: one that changed meanwhile is refused alone. */
    private RetryReport retryEach(List<UUID> ids, boolean more) {
        int requeued = 0;
        for (UUID id : ids) {
            try {
                actions.retry(id.toString());
                requeued++;
            } catch (ProblemException e) {
                // counted below: the job is no longer failed or dead (it ran, or someone retried it)
            }
        }
        return new RetryReport(requeued, ids.size() - requeued, more);
    }

    private static String report(RetryReport r) {
        String text = "Re-queued " + r.requeued() + " job(s); " + r.refused() + " could not be (no longer failed or dead).";
        return r.more() ? text + " More jobs match: press Retry all again for the next batch." : text;
    }

    private List<Map<String, Object>> tabs(String rule, String kind) throws SQLException {
        Map<JobState, Long> counts = search.counts();
        List<Map<String, Object>> tabs = new ArrayList<>();
        for (JobState s : JobState.values()) {
            tabs.add(Map.of("state", s.name(), "label", s.label(), "count", counts.getOrDefault(s, 0L),
                    "query", query(s.name(), rule, kind)));
        }
        return tabs;
    }

    private static JobFilter filter(String state, String rule, String kind) {
        return new JobFilter(state(state), blank(rule) ? null : rule.trim(), blank(kind) ? null : kind.trim(), null);
    }

    private static JobState state(String state) {
        if (blank(state)) {
            return null;
        }
        try {
            return JobState.valueOf(state.trim().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefusal(Response.Status.BAD_REQUEST, "state must be one of " + List.of(JobState.values()));
        }
    }

    private static String query(String state, String rule, String kind) {
        StringBuilder query = new StringBuilder();
        append(query, "state", state);
        append(query, "rule", rule);
        append(query, "kind", kind);
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!blank(value)) {
            query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
