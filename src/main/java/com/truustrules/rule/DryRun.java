package com.truustrules.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.truustrules.common.EventFacts;
import com.truustrules.common.EventTypes;
import com.truustrules.common.Ids;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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

    /** The answer of a dry run: the normalised type, the rules' version, the evaluation time and what each rule made of it. */
    public record Result(String type, String ruleSetVersion, Instant at, List<Evaluation> evaluations) {
    }

    /** Evaluates as if the event arrived at {@code at} (null: now), which is also the rules' {@code now}. */
    public Result run(String typeName, JsonNode body, Instant at) throws SQLException {
        RuleSet rules = registry.active();
        String type = EventTypes.normalize(typeName);
        UUID eventId = Ids.newId();
        Instant now = at == null ? clock.instant() : at;
        Map<String, Object> facts = EventFacts.of(eventId.toString(), type, now, body.toString(), rules.offerFacts(), now);
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            List<Evaluation> evaluations = RuleEngine.evaluate(rules, type, facts,
                    (rule, matched) -> firing.preview(c, rule, matched, eventId));
            return new Result(type, rules.version(), now, evaluations);
        }
    }
}
