package com.truustrules.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.truustrules.common.ProblemException;
import com.truustrules.rule.DryRun;
import com.truustrules.rule.LoadResult;
import com.truustrules.rule.RuleError;
import com.truustrules.rule.RuleRegistry;
import com.truustrules.rule.RuleSet;
import com.truustrules.security.AdminIdentityProvider;
import com.truustrules.truust.GivenFacts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ops tools for rules: see what is loaded, check a file before committing it, try an event, reload. */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminIdentityProvider.ROLE)
@Tag(name = "rules")
public class RulesResource {

    @Inject
    RuleRegistry registry;

    @Inject
    DryRun dryRun;

    /** The active rules, the errors of the latest load and the warnings of the active rules. */
    public record RulesView(String version, Instant loadedAt, List<RuleView> rules, List<RuleError> errors,
            List<RuleError> warnings) {
    }

    /** Validation of one file; warnings do not make it invalid. */
    public record Validation(boolean valid, List<RuleError> errors, List<RuleError> warnings) {

        static Validation of(LoadResult result) {
            return new Validation(result.valid(), result.errors(), result.warnings());
        }
    }

    /**
     * A dry-run request: an event type, a webhook body, optionally the instant to evaluate at (default:
     * now) and Truust's order, buyer and seller as its API would return them (default: asked of Truust
     * when a key is set and the rules read them).
     */
    public record TestRequest(String type, JsonNode body, String at, JsonNode order, JsonNode buyer, JsonNode seller) {
    }

    @GET
    @Operation(summary = "Loaded rules and load errors")
    public RulesView list() {
        RuleSet active = registry.active();
        return new RulesView(active.version(), active.loadedAt(), active.rules().stream().map(RuleView::of).toList(),
                registry.errors(), registry.warnings());
    }

    @POST
    @Path("validate")
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Check one rule file (YAML body) as if it were in the rules folder")
    public Validation validate(String yaml) {
        LoadResult result = registry.loader().validate("(request)", yaml == null ? "" : yaml);
        return Validation.of(result);
    }

    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dry run: which rules would fire for this event and why; nothing is written")
    public DryRun.Result test(TestRequest request) throws SQLException {
        if (request == null || request.type() == null || request.type().isBlank()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "give 'type' (e.g. order.published) and 'body'");
        }
        if (request.body() == null || !request.body().isObject()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "'body' must be the webhook body, a JSON object");
        }
        return dryRun.run(request.type(), request.body(), parseAt(request.at()), given(request));
    }

    /** The order and customers given in the request, each a JSON object; none given: empty. */
    private static Map<String, Map<String, Object>> given(TestRequest request) {
        Map<String, Map<String, Object>> given = new LinkedHashMap<>();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("order", request.order());
        fields.put("buyer", request.buyer());
        fields.put("seller", request.seller());
        fields.forEach((name, node) -> {
            if (node != null && !node.isNull()) {
                if (!node.isObject()) {
                    throw new ProblemException(Response.Status.BAD_REQUEST, "'" + name + "' must be a JSON object, the "
                            + (name.equals("order") ? "order" : "customer") + " as Truust's API returns it, not " + node.getNodeType());
                }
                try {
                    given.put(name, GivenFacts.parse("'" + name + "'", node.toString()));
                } catch (IllegalArgumentException e) {
                    throw new ProblemException(Response.Status.BAD_REQUEST, e.getMessage());
                }
            }
        });
        return given;
    }

    /** The optional evaluation time, as the CLI's {@code --at} takes it. */
    private static Instant parseAt(String at) {
        if (at == null) {
            return null;
        }
        try {
            return Instant.parse(at.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Response.Status.BAD_REQUEST,
                    "'at' must be an ISO-8601 instant in UTC such as 2026-11-27T10:00:00Z");
        }
    }

    @POST
    @Path("reload")
    @Operation(summary = "Reload the rules folder now; the previous rules stay active if it has errors")
    public Validation reload() {
        LoadResult result = registry.reload();
        return Validation.of(result);
    }
}
