package com.truustrules.console.rules;

import static com.truustrules.console.FormValues.blank;
import static com.truustrules.console.FormValues.orEmpty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.admin.EventDetail;
import com.truustrules.admin.EventsResource;
import com.truustrules.common.ProblemException;
import com.truustrules.console.ConsoleRefusal;
import com.truustrules.console.SignInFirst;
import com.truustrules.console.View;
import com.truustrules.console.events.EventViews;
import com.truustrules.console.events.Times;
import com.truustrules.console.session.ConsoleGuard;
import com.truustrules.console.session.ConsoleSession;
import com.truustrules.console.session.ConsoleSessions;
import com.truustrules.rule.DryRun;
import com.truustrules.rule.Rule;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.RuleSet;
import com.truustrules.security.AdminIdentityProvider;
import com.truustrules.common.EventTypes;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The loaded rules and their load errors, Try a payload (a dry run), and Backfill of one rule. */
@Path("/console/rules")
@RolesAllowed(AdminIdentityProvider.ROLE)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class RulesPage {

    private static final int MAX_PAYLOAD = 256 * 1024;

    @Inject
    ConsoleGuard guard;

    @Inject
    RuleRegistry registry;

    @Inject
    RuleStats stats;

    @Inject
    DryRun dryRun;

    @Inject
    Backfill backfill;

    @Inject
    EventsResource events;

    @Inject
    EventViews views;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @GET
    @Operation(hidden = true)
    public Response list(@CookieParam(ConsoleSessions.COOKIE) String sessionId) throws SQLException {
        return page(guard.session(sessionId), Map.of());
    }

    @POST
    @Path("try")
    @Operation(hidden = true)
    public Response tryPayload(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @FormParam("_csrf") String csrf,
            @FormParam("type") String type, @FormParam("body") String body, @FormParam("event") String eventId,
            @FormParam("at") String at) throws SQLException {
        ConsoleSession session = guard.checkForm(sessionId, csrf);
        EventDetail stored = blank(eventId) ? null : storedEvent(eventId.trim());
        String eventType = stored != null ? stored.type() : type;
        if (blank(eventType)) {
            throw new ConsoleRefusal(Response.Status.BAD_REQUEST, "Choose an event type, or give a stored event's id.");
        }
        JsonNode payload = payload(stored != null ? stored.body() : body);
        DryRun.Result result = dryRun.run(eventType, payload, time(at).orElseGet(clock::instant));
        Map<String, Object> data = new HashMap<>();
        data.put("tried", views.evaluations(result.evaluations()));
        data.put("triedType", result.type());
        data.put("tryForm", Map.of("type", orEmpty(eventType), "body", stored != null ? views.pretty(stored.body()) : orEmpty(body),
                "event", orEmpty(eventId), "at", orEmpty(at)));
        return page(session, data);
    }

    @POST
    @Path("backfill")
    @Operation(hidden = true)
    public Response backfill(@CookieParam(ConsoleSessions.COOKIE) String sessionId, @FormParam("_csrf") String csrf,
            @FormParam("rule") String ruleId, @FormParam("since") String since, @FormParam("until") String until,
            @FormParam("apply") String apply) throws SQLException {
        ConsoleSession session = guard.checkForm(sessionId, csrf);
        Rule rule = rule(ruleId);
        Instant from = time(since).orElseThrow(() -> bad("Give the start of the range."));
        Instant to = time(until).orElseThrow(() -> bad("Give the end of the range."));
        if (!from.isBefore(to)) {
            throw bad("The range's start must be before its end.");
        }
        Map<String, Object> data = new HashMap<>();
        data.put("backfillForm", Map.of("rule", rule.id(), "since", since, "until", until));
        if ("yes".equals(apply)) {
            data.put("applied", backfill.apply(rule, from, to));
        } else {
            data.put("preview", backfill.preview(rule, from, to));
        }
        return page(session, data);
    }

    private Response page(ConsoleSession session, Map<String, Object> extra) throws SQLException {
        RuleSet active = registry.active();
        Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Map<String, RuleStats.Firings> firings = stats.byRule(midnight);
        Map<String, Object> data = new HashMap<>(extra);
        data.put("rules", active.rules().stream().map(r -> row(r, firings.get(r.id()))).toList());
        data.put("version", active.version());
        data.put("errors", registry.errors());
        data.put("warnings", registry.warnings());
        data.put("types", knownTypes(active));
        data.put("ruleIds", active.rules().stream().filter(r -> r.schedule() == null).map(Rule::id).sorted().toList());
        data.putIfAbsent("tried", List.of());
        data.putIfAbsent("triedType", "");
        data.putIfAbsent("tryForm", Map.of("type", "", "body", "", "event", "", "at", ""));
        data.putIfAbsent("backfillForm", Map.of("rule", "", "since", "", "until", ""));
        data.putIfAbsent("preview", "");
        data.putIfAbsent("applied", "");
        return View.page("rules", session, data);
    }

    private static RuleRow row(Rule r, RuleStats.Firings firings) {
        String types = r.schedule() != null ? "schedule " + r.schedule() : String.join(", ", new TreeSet<>(r.on()));
        return new RuleRow(r.id(), r.version(), r.file() + ":" + r.line(), r.enabled(), types,
                firings == null ? "never" : Times.text(firings.last()), firings == null ? 0 : firings.today());
    }

    private Rule rule(String id) {
        return registry.active().rules().stream().filter(r -> r.id().equals(id) && r.schedule() == null).findFirst()
                .orElseThrow(() -> bad("Choose a loaded rule that runs on events."));
    }

    private EventDetail storedEvent(String id) {
        try {
            return events.get(id);
        } catch (ProblemException e) {
            throw new ConsoleRefusal(e.status(), "There is no stored event with this id.");
        }
    }

    private JsonNode payload(String body) {
        if (blank(body) || body.length() > MAX_PAYLOAD) {
            throw bad("Paste a webhook body (a JSON object of at most 256 KB), or give a stored event's id.");
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw bad("The body must be a JSON object, as Truust sends.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw bad("The body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ").");
        }
    }

    private static java.util.Optional<Instant> time(String value) {
        try {
            return Times.parse(value);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static List<String> knownTypes(RuleSet active) {
        TreeSet<String> types = new TreeSet<>(EventTypes.KNOWN);
        active.rules().forEach(r -> types.addAll(r.on()));
        types.remove(Rule.ANY_TYPE);
        return List.copyOf(types);
    }

    private static ConsoleRefusal bad(String message) {
        return new ConsoleRefusal(Response.Status.BAD_REQUEST, message);
    }

    @ServerExceptionMapper
    public Response signInFirst(UnauthorizedException e) {
        return SignInFirst.redirect();
    }
}
