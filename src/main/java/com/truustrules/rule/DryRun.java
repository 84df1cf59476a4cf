package com.truustrules.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.truustrules.common.Ids;
import com.truustrules.webhook.EventTypes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Which rules would fire for an event, and why: evaluates and reads state, writes nothing, runs no action. */
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

    /** The answer of a dry run. */
    public record Result(String type, String ruleSetVersion, List<Evaluation> evaluations) {
    }

    public Result run(String typeName, JsonNode body) throws SQLException {
        return run(typeName, body, clock.instant());
    }

    /** As if the event arrived at {@code at} (the console's "optional time"): offers' windows are judged against it. */
    public Result run(String typeName, JsonNode body, Instant at) throws SQLException {
        RuleSet rules = registry.active();
        String type = EventTypes.normalize(typeName);
        UUID eventId = Ids.newId();
        Map<String, Object> facts = EventFacts.of(eventId.toString(), type, at, body.toString(), rules, at);
        List<Evaluation> evaluations = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            for (Rule rule : rules.rulesFor(type)) {
                Evaluation evaluation = RuleEngine.evaluate(rule, facts);
                boolean matched = evaluation.outcome() == Evaluation.Outcome.MATCHED;
                evaluations.add(matched ? firing.preview(c, rule, evaluation, eventId) : evaluation);
            }
        }
        return new Result(type, rules.version(), evaluations);
    }
}
