package com.truustrules.truust;

import java.util.Map;

/** Finds the order an event names, and the customers an order names, in whichever shape they come. */
final class OrderRef {

    private OrderRef() {
    }

    /** escrow.id, else payin.escrow_id, else payout.escrow_id; null when the event names no order. */
    static String orderId(Map<String, Object> facts) {
        String id = field(facts.get("escrow"), "id");
        if (id == null) {
            id = field(facts.get("payin"), "escrow_id");
        }
        return id != null ? id : field(facts.get("payout"), "escrow_id");
    }

    /** The embedded customer ("buyer"/"seller") when the order carries one with contact data, not just an id. */
    static Map<String, Object> embedded(Map<String, Object> order, String role) {
        return order.get(role) instanceof Map<?, ?> map && (map.containsKey("email") || map.containsKey("phone")) ? cast(map)
                : null;
    }

    /** The customer's id: {role}_id, else the embedded object's id/uuid, else the last segment of a connections link. */
    static String customerId(Map<String, Object> order, String role) {
        String id = TruustJson.id(order.get(role + "_id"));
        if (id == null && order.get(role) instanceof Map<?, ?> embedded) {
            id = field(embedded, "uuid") != null ? field(embedded, "uuid") : field(embedded, "id");
        }
        return id != null ? id : linked(order.get("connections"), role);
    }

    private static String linked(Object connections, String role) {
        Object link = connections instanceof Map<?, ?> map ? map.get(role) : null;
        if (link instanceof Map<?, ?> object) {
            link = object.get("href") != null ? object.get("href") : object.get("url");
        }
        if (!(link instanceof String text) || text.isBlank()) {
            return null;
        }
        String path = text.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String field(Object object, String key) {
        return object instanceof Map<?, ?> map ? TruustJson.id(map.get(key)) : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
