package com.truustrules.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The benchmark's rules: 1,000 conditions of the kinds our rules use, 100 for each of 10 event
 * types, written once for truust-rules and once as the equivalent plain MVEL for Easy Rules; plus
 * the one event they are evaluated against and, computed in plain Java, which rules it matches.
 */
public final class RuleCorpus {

    public static final List<String> TYPES = List.of("order.published", "order.failed", "order.accepted",
            "order.rejected", "order.cancelled", "order.released", "payout.created", "payin.confirmed", "unknown",
            "order.disputed");
    public static final int RULES_PER_TYPE = 100;
    public static final int OFFERS = 10;

    /** The event: an order of 149.90 EUR paid 10 h 15 min after the start of offer-0. */
    public static final String EVENT_ID = "0195f1c4-7a10-7000-8000-000000000001";
    public static final String EVENT_TYPE = "order.published";
    public static final Instant RECEIVED_AT = Instant.parse("2026-11-27T10:15:00Z");
    public static final Instant NOW = RECEIVED_AT.plusMillis(40);
    public static final BigDecimal AMOUNT = new BigDecimal("149.9");
    public static final String CURRENCY = "EUR";
    public static final String CAMPAIGN = "black-friday";
    public static final String BUYER_EMAIL = "Ana.Garcia@example.com";
    public static final String PAYIN_STATUS = "CONFIRMED";
    public static final String BODY = """
            {"escrow": {"id": "8810231", "name": "Vintage camera Olympus OM-1", "amount": 149.9, "currency": "EUR",
              "status": "PUBLISHED", "auto_settled": "0",
              "metadata": {"buyer_email": "Ana.Garcia@example.com", "buyer_name": "Ana García", "campaign": "black-friday"}},
             "platform": "demo-marketplace",
             "payin": {"id": 5521907, "reference_id": "PI-5521907", "escrow_id": 8810231, "card_id": 771203,
              "type": "REDSYS", "status": "CONFIRMED", "save_card": 0,
              "provider": {"Ds_Amount": "14990", "Ds_Currency": "978", "Ds_Order": "0005521907", "Ds_Response": "0000"},
              "card": {"id": 771203, "name": "454881******0004", "payin_type": "REDSYS"}}}
            """;

    private static final Duration WINDOW = Duration.ofHours(24);
    private static final List<String> CAMPAIGNS = List.of("black-friday", "summer-sale", "spring-sale");
    private static final List<String> CURRENCIES = List.of("EUR", "GBP", "USD");

    /**
     * One rule in both dialects. {@code when} is our condition; {@code easyWhen} is Easy Rules' (it
     * also checks the event type, having no index); {@code matches} is what the event must give.
     */
    public record Spec(String id, String type, int priority, String when, String easyWhen, boolean matches) {
    }

    private RuleCorpus() {
    }

    /** All rules, type by type. */
    public static List<Spec> rules() {
        List<Spec> rules = new ArrayList<>();
        for (String type : TYPES) {
            for (int n = 0; n < RULES_PER_TYPE; n++) {
                rules.add(spec(type, n));
            }
        }
        return rules;
    }

    /** offer-0 started 10 h 15 min before the event; offer-k started k days earlier, so only offer-0 holds it. */
    public static Map<String, Instant> offerStarts() {
        Map<String, Instant> starts = new LinkedHashMap<>();
        for (int k = 0; k < OFFERS; k++) {
            starts.put("offer-" + k, Instant.parse("2026-11-27T00:00:00Z").minus(Duration.ofDays(k)));
        }
        return starts;
    }

    /** The ids of the rules the event matches: the answer both engines must give. */
    public static Set<String> expectedMatches() {
        Set<String> ids = new TreeSet<>();
        rules().stream().filter(Spec::matches).forEach(spec -> ids.add(spec.id()));
        return ids;
    }

    private static Spec spec(String type, int n) {
        String id = type.replace('.', '-') + "-" + n;
        String guard = "event.type == '" + type + "' && ";
        boolean ours = type.equals(EVENT_TYPE);
        return switch (n % 5) {
            case 0 -> amountRule(id, type, n, guard, ours);
            case 1 -> windowRule(id, type, n, guard, ours);
            case 2 -> campaignRule(id, type, n, guard, ours);
            case 3 -> rangeRule(id, type, n, guard, ours);
            default -> buyerRule(id, type, n, guard, ours);
        };
    }

    /** Like the sample big-orders rule: an amount threshold in one currency. */
    private static Spec amountRule(String id, String type, int n, String guard, boolean ours) {
        int threshold = 50 * (n / 5 + 1);
        String condition = " >= " + threshold + " && escrow.currency == 'EUR'";
        return new Spec(id, type, n, "decimal(escrow.amount)" + condition, guard + "(escrow.amount" + condition + ")",
                ours && AMOUNT.compareTo(BigDecimal.valueOf(threshold)) >= 0);
    }

    /** Like the sample first-day-buyers rule: paid within 24 h of an offer's start. */
    private static Spec windowRule(String id, String type, int n, String guard, boolean ours) {
        String offer = "offers['offer-" + (n / 5) % OFFERS + "'].start";
        Instant start = offerStarts().get("offer-" + (n / 5) % OFFERS);
        return new Spec(id, type, n,
                "within(event.receivedAt, " + offer + ", 'PT24H') && escrow.metadata.buyer_email != null",
                guard + "(event.receivedAt >= " + offer + " && event.receivedAt < " + offer + " + " + WINDOW.toMillis()
                        + " && escrow.metadata.buyer_email != null)",
                ours && !RECEIVED_AT.isBefore(start) && RECEIVED_AT.isBefore(start.plus(WINDOW)));
    }

    /** A campaign tag in the merchant's metadata and a confirmed payment. */
    private static Spec campaignRule(String id, String type, int n, String guard, boolean ours) {
        String campaign = CAMPAIGNS.get((n / 5) % CAMPAIGNS.size());
        String condition = "escrow.metadata.campaign == '" + campaign + "' && payin.status == 'CONFIRMED'";
        return new Spec(id, type, n, condition, guard + "(" + condition + ")",
                ours && campaign.equals(CAMPAIGN) && PAYIN_STATUS.equals("CONFIRMED"));
    }

    /** An amount band in one currency. */
    private static Spec rangeRule(String id, String type, int n, String guard, boolean ours) {
        String currency = CURRENCIES.get((n / 5) % CURRENCIES.size());
        int low = 25 * (n / 5);
        String condition = "escrow.currency == '" + currency + "' && escrow.amount >= " + low + " && escrow.amount < "
                + (low + 100);
        return new Spec(id, type, n, condition, guard + "(" + condition + ")", ours && currency.equals(CURRENCY)
                && AMOUNT.compareTo(BigDecimal.valueOf(low)) >= 0 && AMOUNT.compareTo(BigDecimal.valueOf(low + 100)) < 0);
    }

    /** A known buyer, compared case-insensitively as once-per keys are. */
    private static Spec buyerRule(String id, String type, int n, String guard, boolean ours) {
        String email = n / 5 % 4 == 0 ? "ana.garcia@example.com" : "buyer-" + n + "@example.com";
        return new Spec(id, type, n, "lower(escrow.metadata.buyer_email) == '" + email + "'",
                guard + "(escrow.metadata.buyer_email.toLowerCase() == '" + email + "')",
                ours && BUYER_EMAIL.toLowerCase(Locale.ROOT).equals(email));
    }
}
