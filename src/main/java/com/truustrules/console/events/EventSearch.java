package com.truustrules.console.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.event.EventReads;
import com.truustrules.rule.FiringReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The console's view of stored events: one page, newest first, with the rules each fired; read
 * through {@link EventReads} and {@link FiringReads}.
 */
@ApplicationScoped
public class EventSearch {

    /** The page and the cursor of the next one (null on the last). */
    public record Page(List<EventRow> rows, Long next) {
    }

    @Inject
    EventReads events;

    @Inject
    FiringReads firings;

    @Inject
    ObjectMapper json;

    public Page find(EventFilter f, int limit) throws SQLException {
        List<EventReads.Listed> rows = events.search(new EventReads.Search(f.type(), f.status(), f.since(), f.until(),
                f.rule(), f.text(), f.before()), limit + 1);
        Long next = rows.size() > limit ? rows.get(limit - 1).seq() : null;
        List<EventReads.Listed> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        Map<UUID, SortedSet<String>> fired = firings.rulesFiredBy(page.stream().map(EventReads.Listed::id).toList());
        return new Page(page.stream().map(e -> row(e, fired.getOrDefault(e.id(), new TreeSet<>()))).toList(), next);
    }

    private EventRow row(EventReads.Listed e, SortedSet<String> rulesFired) {
        return new EventRow(e.id().toString(), e.seq(), Times.text(e.receivedAt()), e.type(), orderId(e.body()), e.status(),
                String.join(", ", rulesFired));
    }

    /** escrow.id of the body, or empty: a body that is not the usual shape still lists. */
    public String orderId(String body) {
        try {
            JsonNode id = json.readTree(body).path("escrow").path("id");
            return id.isValueNode() ? id.asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
