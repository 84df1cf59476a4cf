package com.truustrules.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.truustrules.common.JsonLimits;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the facts a rule sees from a stored event: event, escrow, payin, payout, payload, offers, now. */
public final class EventFacts {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private EventFacts() {
    }

    public static Map<String, Object> of(String id, String type, Instant receivedAt, String body, RuleSet rules,
            Instant now) {
        Map<String, Object> payload = parse(body);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("receivedAt", receivedAt);
        Map<String, Object> facts = base(rules, now);
        facts.put("event", event);
        facts.put("payload", payload);
        facts.put("escrow", payload.get("escrow"));
        facts.put("payin", payload.get("payin"));
        facts.put("payout", payload.get("payout"));
        return facts;
    }

    /** The facts of a scheduled rule, which has no event. */
    public static Map<String, Object> base(RuleSet rules, Instant now) {
        Map<String, Object> offers = new LinkedHashMap<>();
        rules.offers().forEach((name, offer) -> offers.put(name, offer.asFact()));
        Map<String, Object> facts = new HashMap<>();
        facts.put("offers", offers);
        facts.put("now", now);
        facts.put("order", null);
        return facts;
    }

    /**
     * The body as maps, lists and scalars. A number out of {@link JsonLimits#inRange range} reads as
     * null: the webhook refuses such bodies, but events stored before it did, and dry runs, still
     * reach here, and one such number written out or added to is gigabytes.
     */
    static Map<String, Object> parse(String body) {
        try {
            LinkedHashMap<String, Object> payload = JSON.readValue(body, MAP);
            if (payload == null) {
                return new LinkedHashMap<>();
            }
            payload.replaceAll((key, value) -> withinLimits(value));
            return payload;
        } catch (JsonProcessingException e) {
            // Stored bodies were validated on the way in; an unreadable one gives empty facts, not a crash.
            return new LinkedHashMap<>();
        }
    }

    @SuppressWarnings("unchecked")
    private static Object withinLimits(Object value) {
        if (value instanceof Number number) {
            return JsonLimits.inRange(number) ? number : null;
        }
        if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).replaceAll((key, item) -> withinLimits(item));
        } else if (value instanceof List<?> list) {
            ((List<Object>) list).replaceAll(EventFacts::withinLimits);
        }
        return value;
    }
}
