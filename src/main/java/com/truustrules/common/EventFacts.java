package com.truustrules.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts a rule or an action template sees: built here from a stored event, named here once
 * ({@link #NAMES}) for the rule compiler and the template checker.
 */
public final class EventFacts {

    /** The names a rule's 'when' and 'once-per' may start with; templates add the results of earlier actions. */
    public static final Set<String> NAMES = Set.of("event", "escrow", "payin", "payout", "payload", "offers", "now", "order",
            "buyer", "seller");

    /**
     * The facts Truust's API gives (issue 11), in the order they are shown: null until the enrichment of
     * a rule that reads them fills them in.
     */
    public static final List<String> FROM_TRUUST = List.of("order", "buyer", "seller");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private EventFacts() {
    }

    /** An event's facts; {@code offers} in fact form, as {@code RuleSet.offerFacts()} gives them. */
    public static Map<String, Object> of(String id, String type, Instant receivedAt, String body, Map<String, Object> offers,
            Instant now) {
        Map<String, Object> payload = parse(body);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("type", type);
        event.put("receivedAt", receivedAt);
        Map<String, Object> facts = base(offers, now);
        facts.put("event", event);
        facts.put("payload", payload);
        facts.put("escrow", payload.get("escrow"));
        facts.put("payin", payload.get("payin"));
        facts.put("payout", payload.get("payout"));
        return facts;
    }

    /** The facts of a scheduled rule, which has no event. */
    public static Map<String, Object> base(Map<String, Object> offers, Instant now) {
        Map<String, Object> facts = new HashMap<>();
        facts.put("offers", offers);
        facts.put("now", now);
        FROM_TRUUST.forEach(name -> facts.put(name, null));
        return facts;
    }

    /**
     * The body as maps, lists and scalars. A number out of {@link JsonLimits#inRange range} reads as
     * null: the webhook refuses such bodies, but events stored before it did, and dry runs, still
     * reach here, and one such number written out or added to is gigabytes.
     */
    public static Map<String, Object> parse(String body) {
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
