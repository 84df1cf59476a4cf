package com.truustrules.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** What a Truust id looks like, and which order a webhook body names: shared by ingest and the API client. */
public final class TruustIds {

    /** Ids go into URL paths and an indexed column: anything but these characters is no Truust id. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private TruustIds() {
    }

    /** Whether text can be a Truust id (order id, customer uuid) at all. */
    public static boolean isId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /**
     * escrow.id, else payin.escrow_id, else payout.escrow_id (a number or text), as {@code truust.OrderRef}
     * reads them from facts; null when the body names no order or names something that is no Truust id.
     */
    public static String orderId(JsonNode body) {
        String id = text(body.path("escrow").path("id"));
        if (id == null) {
            id = text(body.path("payin").path("escrow_id"));
        }
        if (id == null) {
            id = text(body.path("payout").path("escrow_id"));
        }
        return isId(id) ? id : null;
    }

    private static String text(JsonNode node) {
        if (!node.isTextual() && !node.isIntegralNumber()) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
