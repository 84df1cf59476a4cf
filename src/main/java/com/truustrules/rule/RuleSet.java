package com.truustrules.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An immutable, fully valid set of rules, indexed by event type in firing order. */
public final class RuleSet {

    /** Higher priority first; ties broken by id so the order never depends on file listing. */
    static final Comparator<Rule> FIRING_ORDER = Comparator.comparingInt(Rule::priority).reversed().thenComparing(Rule::id);

    private final List<Rule> rules;
    private final Map<String, Offer> offers;
    private final String version;
    private final Instant loadedAt;
    private final Map<String, List<Rule>> byType = new HashMap<>();
    private final List<Rule> anyType;

    public RuleSet(List<Rule> rules, Map<String, Offer> offers, String version, Instant loadedAt) {
        this.rules = rules.stream().sorted(FIRING_ORDER).toList();
        this.offers = new LinkedHashMap<>(offers);
        this.version = version;
        this.loadedAt = loadedAt;
        this.anyType = this.rules.stream().filter(r -> r.enabled() && r.on().contains(Rule.ANY_TYPE)).toList();
        for (Rule rule : this.rules) {
            rule.on().stream().filter(type -> rule.enabled() && !type.equals(Rule.ANY_TYPE))
                    .forEach(type -> byType.computeIfAbsent(type, t -> new ArrayList<>(anyType)).add(rule));
        }
        byType.replaceAll((type, list) -> list.stream().sorted(FIRING_ORDER).toList());
    }

    public static RuleSet empty() {
        return new RuleSet(List.of(), Map.of(), "empty", Instant.EPOCH);
    }

    /** The enabled rules for one event type, in firing order: an index look-up, not a scan. */
    public List<Rule> rulesFor(String type) {
        return byType.getOrDefault(type, anyType);
    }

    /** This set with only the rule {@code id} (none when there is no such rule), for a backfill of that rule. */
    public RuleSet only(String id) {
        return new RuleSet(rules.stream().filter(r -> r.id().equals(id)).toList(), offers, version, loadedAt);
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<Rule> scheduled() {
        return rules.stream().filter(r -> r.enabled() && r.schedule() != null).toList();
    }

    public Map<String, Offer> offers() {
        return offers;
    }

    /** The offers as rules and templates read them: offers['black-friday'].start. */
    public Map<String, Object> offerFacts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        offers.forEach((name, offer) -> facts.put(name, offer.asFact()));
        return facts;
    }

    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }
}
