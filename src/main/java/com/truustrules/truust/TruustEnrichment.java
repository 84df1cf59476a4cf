package com.truustrules.truust;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Enrichment and confirmation through {@link TruustLookups}: the order when a rule reads order, buyer
 * or seller, or when events are confirmed; the customers only when a rule reads them.
 */
@ApplicationScoped
public class TruustEnrichment implements Enrichment {

    private static final String[] ROLES = {"buyer", "seller"};

    @Inject
    TruustApiConfig config;

    @Inject
    TruustApi api;

    @Inject
    TruustLookups lookups;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    /** A step of the decision that could not complete: the outcome to give instead. */
    private static final class Stop extends RuntimeException {
        final transient Outcome outcome;

        Stop(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    @Override
    public Outcome enrich(String type, Instant asOf, Map<String, Object> facts, boolean anyRule, Set<String> reads) {
        Wanted wanted = new Wanted(!reads.isEmpty(), reads.contains("buyer") || reads.contains("seller"));
        boolean confirm = config.confirming() && anyRule;
        String id = OrderRef.orderId(facts);
        if (!api.enabled() || !(wanted.order() || confirm) || id == null) {
            return new Enriched(Map.of()); // the facts read as null: nothing to ask, or nobody to ask
        }
        Outcome outcome;
        try {
            outcome = enrich(type, asOf, id, wanted, confirm);
        } catch (Stop stop) {
            outcome = stop.outcome;
        }
        if (outcome instanceof Unconfirmed) {
            metrics.counter("truust.events.unconfirmed").increment();
        }
        return outcome;
    }

    @Override
    public Map<String, Object> lookUp(Map<String, Object> facts, Set<String> reads) {
        String id = OrderRef.orderId(facts);
        if (!api.enabled() || reads.isEmpty() || !TruustApi.isId(id)) {
            return Map.of();
        }
        Duration wait = config.timeout().plus(config.retryDelay()).multipliedBy(2);
        Map<String, Object> found = empty();
        Map<String, Object> order = await(lookups.order(id), wait, "order " + id).value();
        found.put("order", order);
        if (order != null && (reads.contains("buyer") || reads.contains("seller"))) {
            for (String role : ROLES) {
                Map<String, Object> embedded = OrderRef.embedded(order, role);
                String customer = OrderRef.customerId(order, role);
                found.put(role, embedded != null || !TruustApi.isId(customer) ? embedded
                        : await(lookups.customer(customer), wait, role + " of order " + id).value());
            }
        }
        return found;
    }

    private static TruustLookups.Found await(CompletableFuture<TruustLookups.Found> asked, Duration wait, String what) {
        try {
            return asked.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TruustUnavailableException("Truust did not answer about " + what + " within " + wait.toMillis() + " ms", null);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new TruustUnavailableException("Truust is away (" + describe(e.getCause()) + ") for " + what, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TruustUnavailableException("interrupted while asking Truust about " + what, null);
        }
    }

    /** What the rules read: the order (any of order, buyer, seller), the customers (buyer or seller). */
    private record Wanted(boolean order, boolean customers) {
    }

    private Outcome enrich(String type, Instant asOf, String id, Wanted wanted, boolean confirm) {
        if (!TruustApi.isId(id)) {
            return confirm ? new Unconfirmed("the order id is not a Truust id") : new Enriched(empty());
        }
        Map<String, Object> order = order(type, asOf, id, confirm);
        Map<String, Object> enriched = empty();
        enriched.put("order", order);
        if (order != null && wanted.customers()) {
            for (String role : ROLES) {
                enriched.put(role, customer(order, role, id));
            }
        }
        return new Enriched(enriched);
    }

    /** The order, or null when Truust does not know it and nothing is confirmed; stops when it must wait or refuse. */
    private Map<String, Object> order(String type, Instant asOf, String id, boolean confirm) {
        TruustLookups.Found found = answer(lookups.order(id), "order " + id);
        if (confirm && contradicts(found, type) && found.fetchedAt().isBefore(asOf)) {
            // The answer predates the event (or the replay): the order may have moved on since. Ask again before judging.
            lookups.forgetOrder(id);
            found = answer(lookups.order(id), "order " + id);
        }
        Object status = found.value() == null ? null : found.value().get("status");
        if (confirm && found.value() == null) {
            throw new Stop(new Unconfirmed("Truust does not know order " + id));
        }
        if (confirm && contradicts(found, type)) {
            throw new Stop(new Unconfirmed("Truust says order " + id + " is " + status + ", earlier than " + type + " claims"));
        }
        return found.value();
    }

    private Map<String, Object> customer(Map<String, Object> order, String role, String orderId) {
        Map<String, Object> embedded = OrderRef.embedded(order, role);
        if (embedded != null) {
            return embedded;
        }
        String id = OrderRef.customerId(order, role);
        if (!TruustApi.isId(id)) {
            return null;
        }
        return answer(lookups.customer(id), role + " of order " + orderId).value();
    }

    /** The answer when it is there; otherwise stops with PENDING (asked, or Truust away). */
    private TruustLookups.Found answer(CompletableFuture<TruustLookups.Found> asked, String what) {
        if (!asked.isDone()) {
            throw new Stop(new Pending("waiting for Truust to answer about " + what, clock.instant().plus(config.pendingRetry())));
        }
        try {
            return asked.join();
        } catch (CompletionException e) {
            Duration wait = e.getCause() instanceof TruustUnavailableException u && u.retryAfter() != null
                    && u.retryAfter().compareTo(config.pendingRetry()) > 0 ? u.retryAfter() : config.pendingRetry();
            throw new Stop(new Pending("Truust is away (" + describe(e.getCause()) + ") for " + what, clock.instant().plus(wait)));
        }
    }

    private static boolean contradicts(TruustLookups.Found found, String type) {
        return found.value() == null || OrderStatuses.earlierThanClaimed(found.value().get("status"), type);
    }

    private static Map<String, Object> empty() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("order", null);
        facts.put("buyer", null);
        facts.put("seller", null);
        return facts;
    }

    private static String describe(Throwable e) {
        return e == null ? "no answer" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
