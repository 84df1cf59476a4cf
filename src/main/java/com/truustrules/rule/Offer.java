package com.truustrules.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A named time window from rules/offers.yaml, e.g. black-friday. */
public record Offer(String name, Instant start, Instant end) {

    /** The same window, as long as this one, starting at {@code newStart}. */
    public Offer startingAt(Instant newStart) {
        return new Offer(name, newStart, end == null ? null : newStart.plus(Duration.between(start, end)));
    }

    /** The offer as rules see it: offers['black-friday'].start. */
    public Map<String, Object> asFact() {
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("name", name);
        fact.put("start", start);
        fact.put("end", end);
        return fact;
    }
}
