package com.truustrules.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Names the event type of a call: Truust's dashboard, internal and our dotted names all map to one. */
public final class EventTypes {

    public static final String UNKNOWN = "unknown";

    /** The types Truust is known to send; others are stored under their normalised name. */
    public static final Set<String> KNOWN = Set.of(
            "order.published", "order.failed", "order.accepted", "order.rejected",
            "order.cancelled", "order.released", "payout.created", "payin.confirmed");

    private static final Map<String, String> ALIASES = Map.of(
            "escrow.published", "order.published",
            "payin.epg.confirmed", "payin.confirmed",
            "order.canceled", "order.cancelled");

    private static final Map<String, String> BY_ORDER_STATUS = Map.of(
            "PUBLISHED", "order.published",
            "FAILURE", "order.failed",
            "ACCEPTED", "order.accepted",
            "REJECTED", "order.rejected",
            "CANCELLED", "order.cancelled",
            "RELEASED", "order.released");

    private static final int MAX_LENGTH = 100;
    // The camel-case patterns backtrack over runs of capitals (quadratic): absurd names are cut first.
    private static final int MAX_INPUT = 4 * MAX_LENGTH;
    // Compiled once: every webhook's type goes through here (String.replaceAll compiles each time).
    private static final Pattern CAPITALS_THEN_WORD = Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final Pattern LOWER_THEN_CAPITAL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");

    private EventTypes() {
    }

    /** "order-published", "EscrowPublished", "ORDER_PUBLISHED" and "order.published" give "order.published". */
    public static String normalize(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        String trimmed = name.trim();
        String dotted = dotted(trimmed.length() > MAX_INPUT ? trimmed.substring(0, MAX_INPUT) : trimmed);
        if (dotted.length() > MAX_LENGTH) {
            dotted = trimDots(dotted.substring(0, MAX_LENGTH));
        }
        return dotted.isEmpty() ? UNKNOWN : ALIASES.getOrDefault(dotted, dotted);
    }

    private static String dotted(String name) {
        String split = LOWER_THEN_CAPITAL.matcher(CAPITALS_THEN_WORD.matcher(name).replaceAll("$1.$2")).replaceAll("$1.$2");
        return trimDots(SEPARATORS.matcher(split.toLowerCase(Locale.ROOT)).replaceAll("."));
    }

    private static String trimDots(String name) {
        return EDGE_DOTS.matcher(name).replaceAll("");
    }

    /** The type a body implies when neither path nor header names one. */
    public static String fromBody(JsonNode body) {
        String byOrder = ofOrderStatus(body.path("escrow").path("status").asText(""));
        if (byOrder != null) {
            return byOrder;
        }
        if ("CONFIRMED".equalsIgnoreCase(body.path("payin").path("status").asText(""))) {
            return "payin.confirmed";
        }
        if ("CREATED".equalsIgnoreCase(body.path("payout").path("status").asText(""))) {
            return "payout.created";
        }
        return UNKNOWN;
    }

    /** The notification Truust sends when an order reaches this status (PUBLISHED: order.published); null when none. */
    public static String ofOrderStatus(String status) {
        return status == null ? null : BY_ORDER_STATUS.get(status.strip().toUpperCase(Locale.ROOT));
    }

    /** Path first, then header, then body. */
    public static String classify(String fromPath, String fromHeader, JsonNode body) {
        if (fromPath != null && !fromPath.isBlank()) {
            return normalize(fromPath);
        }
        if (fromHeader != null && !fromHeader.isBlank()) {
            return normalize(fromHeader);
        }
        return fromBody(body);
    }
}
