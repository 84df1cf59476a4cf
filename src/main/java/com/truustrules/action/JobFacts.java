package com.truustrules.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.common.EventFacts;
import com.truustrules.event.EventRecord;
import com.truustrules.event.EventRows;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The facts an action renders with: rebuilt from the stored event (so a job carries no copy of it)
 * with what Truust's API gave its rules (order, buyer, seller), plus the results of the firing's
 * earlier actions under their names (promo.code, http.status...).
 */
@ApplicationScoped
public class JobFacts {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ActiveActions active;

    @Inject
    ObjectMapper json;

    Map<String, Object> of(ClaimedJob job, Instant now) throws SQLException, JsonProcessingException {
        Map<String, Object> offers = active.current().offers();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Object> facts = eventFacts(c, job, offers, now);
            for (Map.Entry<String, String> earlier : ActionJobs.earlierResults(c, job).entrySet()) {
                facts.put(resultName(earlier.getKey()), earlier.getValue() == null ? Map.of() : json.readValue(earlier.getValue(), MAP));
            }
            facts.put("rule", Map.of("id", job.ruleId()));
            facts.put("firing", Map.of("key", job.firingKey(), "at", job.createdAt()));
            return facts;
        }
    }

    /** promo-code results are read as promo.code; the other kinds under their own name. */
    static String resultName(String kind) {
        return kind.equals("promo-code") ? "promo" : kind;
    }

    private Map<String, Object> eventFacts(Connection c, ClaimedJob job, Map<String, Object> offers, Instant now)
            throws SQLException, JsonProcessingException {
        Optional<EventRecord> event = job.eventId() == null ? Optional.empty() : EventRows.find(c, job.eventId());
        if (event.isEmpty()) {
            return EventFacts.base(offers, now);
        }
        EventRecord e = event.get();
        Map<String, Object> facts = EventFacts.of(e.id().toString(), e.type(), e.receivedAt(), e.body(), offers, now);
        // order, buyer, seller as Truust's API gave them to the rules that fired (issue 11)
        Optional<String> enrichment = EventRows.enrichment(c, e.id());
        if (enrichment.isPresent()) {
            facts.putAll(json.readValue(enrichment.get(), MAP));
        }
        return facts;
    }
}
