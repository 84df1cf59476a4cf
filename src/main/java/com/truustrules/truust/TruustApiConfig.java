package com.truustrules.truust;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the Truust REST API client, enrichment and confirmation (env TRUUST_API_...). */
@ConfigMapping(prefix = "truust.api")
public interface TruustApiConfig {

    /** Base URL, e.g. https://acme.truust.io/2.0 or https://acme-sandbox.truust.io/2.0; the API is off without it. */
    Optional<String> url();

    /** Secret key (sk_production_..., sk_stage_...), sent as Authorization: Bearer; the API is off without it. */
    Optional<String> key();

    /** Check every event's order with Truust before rules run; default: on when a key is set. */
    Optional<Boolean> confirm();

    /** Longest one call may take, connection included. */
    @WithDefault("PT5S")
    Duration timeout();

    /** Retries of one call after a timeout, 5xx or 429 (each waits the backoff, or Retry-After when longer). */
    @WithDefault("3")
    int maxRetries();

    /** First retry delay; doubled per retry. */
    @WithDefault("PT0.5S")
    Duration retryDelay();

    /** Longest wait between two retries, Retry-After included: a longer wait leaves the event PENDING instead. */
    @WithDefault("PT30S")
    Duration maxRetryDelay();

    /** Calls in flight at most (bulkhead); more wait in its queue. */
    @WithDefault("8")
    int concurrency();

    /** Calls per second at most, retries included. */
    @WithDefault("20")
    int rateLimit();

    /** Failed calls among the last circuit-breaker-window that open the circuit. */
    @WithDefault("0.5")
    double circuitFailureRatio();

    /** Calls the circuit breaker judges over. */
    @WithDefault("10")
    int circuitWindow();

    /** How long an open circuit refuses calls before it tries again. */
    @WithDefault("PT30S")
    Duration circuitDelay();

    /** How long an event waits as PENDING before it asks again while Truust is away. */
    @WithDefault("PT30S")
    Duration pendingRetry();

    /** Orders per page when listing (Truust allows 1..100). */
    @WithDefault("100")
    int pageSize();

    /** Reconciliation with GET /orders (TRUUST_API_RECONCILE_...). */
    Reconcile reconcile();

    /** Whether calls can be made at all: a URL and a key. */
    default boolean enabled() {
        return url().filter(u -> !u.isBlank()).isPresent() && key().filter(k -> !k.isBlank()).isPresent();
    }

    /** Whether events are confirmed: as set, else whenever the API is enabled. */
    default boolean confirming() {
        return enabled() && confirm().orElse(true);
    }

    /** Settings of reconciliation: the scheduled look at Truust's order list for notifications that never came. */
    interface Reconcile {

        /** Run reconciliation at all; default: on whenever the API is enabled. */
        Optional<Boolean> enabled();

        /** How often one run happens, across all instances. */
        @WithDefault("PT10M")
        Duration interval();

        /** How far back a run lists orders (date_begin = now - lookback). */
        @WithDefault("PT48H")
        Duration lookback();

        /** How often each instance checks whether the current interval's run is still to do ("off": never, as in tests). */
        @WithDefault("10s")
        String tick();

        /**
         * Statuses listed, one GET /orders?status=... each; empty: one unfiltered listing. Every answer's
         * status is checked here again, whatever filter Truust applied.
         */
        @WithDefault("PUBLISHED,FAILURE,ACCEPTED,REJECTED,CANCELLED,RELEASED")
        List<String> statuses();

        /**
         * How date_begin is written: a java.time pattern in UTC (e.g. yyyy-MM-dd), or "iso" for an
         * ISO-8601 instant; Truust does not document it.
         */
        @WithDefault("iso")
        String dateFormat();

        /** Pages read per status at most in one run: a bound against an answer that never says it is the last. */
        @WithDefault("100")
        int maxPages();

        /** Longest wait for one page (retries included) before the run gives up and fails softly. */
        @WithDefault("PT2M")
        Duration pageTimeout();
    }

    /** Whether reconciliation runs: as set, else whenever the API is enabled. */
    default boolean reconciling() {
        return enabled() && reconcile().enabled().orElse(true);
    }
}
