package com.truustrules.truust;

import com.truustrules.common.TruustAnswered;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Orders and customers read from Truust through a cache: concurrent asks for one id share one call,
 * and its answer (found or 404) serves everyone until it expires; a failed call is not kept.
 */
@ApplicationScoped
public class TruustLookups {

    @Inject
    @CacheName("truust-orders")
    Cache orders;

    @Inject
    @CacheName("truust-customers")
    Cache customers;

    @Inject
    TruustApi api;

    @Inject
    Clock clock;

    @Inject
    Event<TruustAnswered> answered;

    @Inject
    TruustApiConfig config;

    /** One read's answer: the object, or null when Truust does not know the id; and when it was fetched. */
    public record Found(Map<String, Object> value, Instant fetchedAt) {
    }

    /** The order, from the cache or on its way. */
    public CompletableFuture<Found> order(String id) {
        return read(orders, "order", id, api::order);
    }

    /** The customer, from the cache or on its way. */
    public CompletableFuture<Found> customer(String id) {
        return read(customers, "customer", id, api::customer);
    }

    /** Drops a cached order, so that the next ask reads it again. */
    public void forgetOrder(String id) {
        orders.invalidate(id).await().indefinitely();
    }

    private CompletableFuture<Found> read(Cache cache, String kind, String id,
            Function<String, CompletionStage<Optional<Map<String, Object>>>> fetch) {
        CompletableFuture<Found> asked = cache.getAsync(id, key -> Uni.createFrom().completionStage(() -> fetch.apply(key)
                .thenApply(value -> new Found(value.orElse(null), clock.instant()))))
                .subscribeAsCompletionStage();
        if (!asked.isDone()) {
            // Told only once the future the enrichment looks at is done: an event that found it not done
            // was held before this notice, which releases it (see TruustAnswered).
            asked.whenComplete((found, error) -> told(kind, found));
        }
        return asked;
    }

    private void told(String kind, Found found) {
        if (found != null) {
            // An event held while waiting is due at most pending-retry after its hold, which came before the answer.
            answered.fireAsync(new TruustAnswered(kind, found.fetchedAt().plus(config.pendingRetry())));
        }
    }
}
