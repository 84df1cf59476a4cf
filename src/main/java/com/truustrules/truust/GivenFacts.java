package com.truustrules.truust;

import java.util.Map;

/**
 * An order or a customer given by hand to a dry run ({@code test --order file.json}, the fields
 * {@code order}, {@code buyer} and {@code seller} of {@code POST /api/rules/test}): read exactly as
 * Truust's answers are (bare or {"data": ...}, a BOM allowed), so that what a dry run shows is what
 * the service would see.
 */
public final class GivenFacts {

    private GivenFacts() {
    }

    /**
     * The object in {@code json}; {@code name} says what it is for in the message.
     *
     * @throws IllegalArgumentException saying what is wrong, when it is not one JSON object
     */
    public static Map<String, Object> parse(String name, String json) {
        if (json != null && json.length() > TruustJson.MAX_ANSWER) {
            throw new IllegalArgumentException(name + " is larger than " + TruustJson.MAX_ANSWER + " characters");
        }
        try {
            return TruustJson.object(json);
        } catch (TruustAnswerException e) {
            throw new IllegalArgumentException(name + " must be one JSON object as Truust's API returns it (e.g. {\"id\": 8810231, "
                    + "\"status\": \"PUBLISHED\", ...}): " + e.getMessage().replace("unreadable answer from Truust: ", "")
                    .replace("answer", "text"));
        }
    }

    /** The customer an order embeds for {@code role} (buyer, seller) with contact data; null when it only names one. */
    public static Map<String, Object> embeddedCustomer(Map<String, Object> order, String role) {
        return order == null ? null : OrderRef.embedded(order, role);
    }
}
