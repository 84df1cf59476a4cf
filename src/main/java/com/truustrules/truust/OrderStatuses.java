package com.truustrules.truust;

import com.truustrules.common.EventTypes;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an order status sits in Truust's lifecycle (DRAFT → PUBLISHED → ACCEPTED → PENDING_VALIDATE →
 * PENDING_RELEASE → RELEASED) and what each notification claims. Statuses are an open set: one not
 * listed here, or a side branch such as CANCELLED, is never a mismatch.
 */
public final class OrderStatuses {

    private static final Map<String, Integer> RANK = Map.ofEntries(Map.entry("DRAFT", 0), Map.entry("PENDING_DETAILS", 0),
            Map.entry("PENDING_PUBLISH", 0), Map.entry("FAILURE", 0), Map.entry("PUBLISHED", 1), Map.entry("ACCEPTED", 2),
            Map.entry("REJECTED", 2), Map.entry("PENDING_VALIDATE", 3), Map.entry("PENDING_RELEASE", 4),
            Map.entry("BLOCKED_RELEASE", 4), Map.entry("RELEASED", 5));

    /** The least rank an order must have reached for the notification to be true. */
    private static final Map<String, Integer> CLAIMS = Map.of("order.published", 1, "payin.confirmed", 1,
            "order.accepted", 2, "payout.created", 2, "order.released", 5);

    private OrderStatuses() {
    }

    /**
     * The notification type an order in this status was announced by (PUBLISHED: order.published,
     * FAILURE: order.failed, ACCEPTED, REJECTED, CANCELLED, RELEASED likewise); empty for a status no
     * notification announces (DRAFT, PENDING_RELEASE, ...) or one not known: reconciliation skips those.
     */
    public static Optional<String> notificationType(Object status) {
        return Optional.ofNullable(status instanceof String text ? EventTypes.ofOrderStatus(text) : null);
    }

    /** Whether Truust's status is earlier than what an event of this type claims; false when either is unknown. */
    static boolean earlierThanClaimed(Object status, String type) {
        Integer claimed = CLAIMS.get(type);
        Integer actual = status == null ? null : RANK.get(status.toString().strip().toUpperCase(Locale.ROOT));
        return claimed != null && actual != null && actual < claimed;
    }
}
