package com.truustrules.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.truustrules.common.EventFacts;
import com.truustrules.common.EventTypes;
import com.truustrules.common.Ids;
import com.truustrules.config.TruustConfig;
import com.truustrules.truust.Enrichment;
import com.truustrules.truust.TruustUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which rules would fire for an event, and why: evaluates and reads state, writes nothing, runs no
 * action. Truust's facts (order, buyer, seller) are the ones given, else, when the rules read them and
 * an API key is set, what Truust answers now (no confirmation: a dry run judges rules, not webhooks).
 */
@ApplicationScoped
public class DryRun {

    @Inject
    RuleRegistry registry;

    @Inject
    FiringState firing;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    Enrichment enrichment;

    @Inject
    TruustConfig config;

    /**
     * The answer of a dry run: the normalised type, the rules' version, the evaluation time, where the
     * facts order, buyer and seller came from ({@code given}, {@code truust}, or {@code none}: they read
     * as null, with why when Truust did not answer) and what each rule made of it.
     */
    public record Result(String type, String ruleSetVersion, Instant at, String truustFacts, List<Evaluation> evaluations) {
    }

    /** Evaluates as if the event arrived at {@code at} (null: now), which is also the rules' {@code now}. */
    public Result run(String typeName, JsonNode body, Instant at) throws SQLException {
        return run(typeName, body, at, Map.of());
    }

    /**
     * As {@link #run(String, JsonNode, Instant)} with {@code given} order, buyer and/or seller (empty:
     * ask Truust when the rules read them and a key is set). A customer not given is taken from the
     * given order when it embeds one.
     *
     */
    public Result run(String typeName, JsonNode body, Instant at, Map<String, Map<String, Object>> given) throws SQLException {
        RuleSet rules = registry.active();
        String type = EventTypes.normalize(typeName);
        UUID eventId = Ids.newId();
        Instant now = at == null ? clock.instant() : at;
        Map<String, Object> facts = EventFacts.of(eventId.toString(), type, now, body.toString(), rules.offerFacts(), now);
        String source = truustFacts(facts, rules, type, given);
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<Evaluation> evaluations = RuleEngine.evaluate(rules, type, facts,
                    (rule, matched) -> firing.preview(c, rule, matched, eventId));
            return new Result(type, rules.version(), now, source, evaluations);
        }
    }

    /** Puts order, buyer and seller into the facts; returns where they came from. */
    private String truustFacts(Map<String, Object> facts, RuleSet rules, String type, Map<String, Map<String, Object>> given) {
        if (!given.isEmpty()) {
            facts.putAll(withEmbeddedCustomers(given));
            return "given";
        }
        Set<String> reads = FactNeeds.of(rules.rulesFor(type), Path.of(config.rules().dir()).resolve("templates"));
        try {
            Map<String, Object> found = enrichment.lookUp(facts, reads);
            facts.putAll(found);
            return found.isEmpty() ? "none" : "truust";
        } catch (TruustUnavailableException e) {
            return "none: " + e.getMessage(); // the rules still run, with the facts null, and the answer says why
        }
    }

    /** The given facts, with a buyer or seller not given taken from the given order when it embeds one. */
    static Map<String, Object> withEmbeddedCustomers(Map<String, Map<String, Object>> given) {
        Map<String, Object> facts = new java.util.HashMap<>(given);
        for (String role : List.of("buyer", "seller")) {
            if (!given.containsKey(role)) {
                facts.put(role, com.truustrules.truust.GivenFacts.embeddedCustomer(given.get("order"), role));
            }
        }
        return facts;
    }
}
