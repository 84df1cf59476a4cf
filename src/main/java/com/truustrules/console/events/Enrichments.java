package com.truustrules.console.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.admin.EventDetail;
import com.truustrules.common.EventFacts;
import com.truustrules.event.EventReads;
import com.truustrules.event.EventStatus;
import com.truustrules.truust.TruustApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the facts Truust's API gave an event (inbound_event.enrichment) and says what they mean. */
@ApplicationScoped
public class Enrichments {

    @Inject
    EventReads events;

    @Inject
    ObjectMapper json;

    @Inject
    TruustApiConfig api;

    public EnrichmentView of(EventDetail e) throws SQLException {
        Optional<String> stored = events.enrichment(e.id());
        String reason = e.error() == null ? "" : e.error();
        if (e.status() == EventStatus.PENDING) {
            String next = e.nextAttemptAt() == null ? "" : " The rules run when it answers, at the latest at "
                    + Times.text(e.nextAttemptAt()) + ".";
            return new EnrichmentView("PENDING", "Waiting for Truust's API: the rules need it and it has not answered yet." + next,
                    reason, List.of());
        }
        if (e.status() == EventStatus.UNCONFIRMED) {
            return new EnrichmentView("UNCONFIRMED", "Not confirmed: Truust's API contradicts this event, so no rule ran on it.",
                    reason, List.of());
        }
        if (stored.isEmpty()) {
            return new EnrichmentView("NOT_ASKED", api.enabled()
                    ? "Truust's API was not asked about this event: no rule on it reads order, buyer or seller, or needed it confirmed."
                    : "Truust's API is not configured (TRUUST_API_URL, TRUUST_API_KEY): no order, buyer or seller facts.",
                    "", List.of());
        }
        String verdict = api.confirming() ? "Confirmed: Truust's API knows the order, and its status agrees with the event. "
                + "The rules saw these facts:" : "Read from Truust's API (confirmation is off). The rules saw these facts:";
        return new EnrichmentView("ENRICHED", verdict, "", facts(stored.get()));
    }

    private List<EnrichmentView.Fact> facts(String stored) {
        List<EnrichmentView.Fact> facts = new ArrayList<>();
        try {
            JsonNode all = json.readTree(stored);
            for (String name : EventFacts.FROM_TRUUST) {
                JsonNode fact = all.path(name);
                if (!fact.isMissingNode()) { // buyer and seller are asked for only when a rule reads them
                    facts.add(new EnrichmentView.Fact(name, fact.isNull() ? "none: Truust's API did not know it"
                            : json.writerWithDefaultPrettyPrinter().writeValueAsString(fact)));
                }
            }
        } catch (JsonProcessingException e) {
            facts.add(new EnrichmentView.Fact("stored", stored));
        }
        return facts;
    }
}
