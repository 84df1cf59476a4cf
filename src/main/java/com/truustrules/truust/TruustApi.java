package com.truustrules.truust;

import com.truustrules.common.RetryAfter;
import com.truustrules.common.TruustIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Calls Truust's REST API: paced to the configured rate, each call bounded by a timeout, retried
 * with backoff (longer when Truust asks with Retry-After), behind a circuit breaker and a bound on
 * concurrent calls. A 404 is an answer (empty); anything else that is not 2xx is a {@link TruustUnavailableException}.
 */
@Startup
@ApplicationScoped
public class TruustApi {

    private static final Logger LOG = Logger.getLogger(TruustApi.class);

    @Inject
    TruustApiConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    private TruustRestApi client;
    private TypedGuard<CompletionStage<Answer>> guard;
    private Pacer pacer;

    /** What a read found: the JSON text, or null for 404. */
    record Answer(String body) {
    }

    @PostConstruct
    void start() {
        pacer = new Pacer(config.rateLimit());
        if (config.enabled()) {
            client = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(config.url().orElseThrow()))
                    .connectTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    // the guard's timeout is the one that counts; this one only frees the connection after it
                    .readTimeout(config.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .property("microprofile.rest.client.disable.default.mapper", true)
                    .build(TruustRestApi.class);
            guard = guard();
            date(Instant.EPOCH, true); // a bad truust.api.reconcile.date-format fails the start, not every run
        }
    }

    /** Replaces the REST client, behind the same guard and pacer; returns the one it replaced. For tests. */
    TruustRestApi useClient(TruustRestApi restClient) {
        TruustRestApi previous = client;
        client = restClient;
        return previous;
    }

    /** Whether a URL and a key are configured. */
    public boolean enabled() {
        return client != null;
    }

    /** Whether text can be a Truust id (order id, customer uuid) at all. */
    public static boolean isId(String text) {
        return TruustIds.isId(text);
    }

    /** GET /orders/{id}: the order, empty when Truust does not know it. */
    public CompletionStage<Optional<Map<String, Object>>> order(String id) {
        String checked = checked(id);
        return read("order", () -> client.order(checked, bearer())).thenApply(TruustApi::object);
    }

    /** GET /customers/{id}: the customer, empty when Truust does not know it. */
    public CompletionStage<Optional<Map<String, Object>>> customer(String id) {
        String checked = checked(id);
        return read("customer", () -> client.customer(checked, bearer())).thenApply(TruustApi::object);
    }

    /** GET /orders filtered by status (null: any) and date, one page (1-based). */
    public CompletionStage<TruustJson.Page> orders(String status, Instant from, Instant to, int page) {
        String begin = date(from, false);
        String end = date(to, true);
        return read("orders", () -> client.orders(status, begin, end, page, config.pageSize(), bearer()))
                .thenApply(a -> a.body() == null ? new TruustJson.Page(java.util.List.of(), false) : TruustJson.page(a.body(), page));
    }

    /**
     * A date_begin / date_end as configured: an ISO instant, or a pattern in UTC. A pattern without the
     * hour gives the day after as date_end, so that today's orders are in whether Truust reads the end
     * as a whole day or as its midnight.
     */
    String date(Instant at, boolean end) {
        String pattern = config.reconcile().dateFormat().strip();
        if (pattern.equalsIgnoreCase("iso")) {
            return at.toString();
        }
        Instant shown = end && !pattern.contains("H") && !pattern.contains("h") ? at.plus(Duration.ofDays(1)) : at;
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC).format(shown);
    }

    private static Optional<Map<String, Object>> object(Answer answer) {
        return answer.body() == null ? Optional.empty() : Optional.of(TruustJson.object(answer.body()));
    }

    private static String checked(String id) {
        if (!isId(id)) {
            throw new IllegalArgumentException("not a Truust id");
        }
        return id;
    }

    private String bearer() {
        return "Bearer " + config.key().orElseThrow();
    }

    /** Waits for a slot, then runs the guarded call; a 404 answers null. */
    private CompletionStage<Answer> read(String kind, Supplier<CompletionStage<Response>> request) {
        if (client == null) {
            return CompletableFuture.failedFuture(new TruustUnavailableException("no Truust API configured", null));
        }
        Duration wait = pacer.reserve(Duration.ZERO);
        CompletableFuture<Void> slot = wait.isZero() ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS));
        return slot.thenCompose(x -> guard.get(() -> request.get().handle((r, e) -> judge(kind, r, e))))
                .whenComplete((a, e) -> count(kind, a, e));
    }

    /**
     * The answer whichever way the REST client delivers it: as a response, or as an exception carrying
     * one (its default mapper turns 4xx/5xx into a WebApplicationException when it is not disabled, and
     * a 404 thrown that way was once taken for a failure). Other errors pass on as they are.
     */
    private Answer judge(String kind, Response response, Throwable error) {
        if (error == null) {
            return judge(kind, response);
        }
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof WebApplicationException web && web.getResponse() != null) {
                return judge(kind, web.getResponse());
            }
        }
        throw error instanceof CompletionException c ? c : new CompletionException(error);
    }

    /** 2xx: the body; 404: no body; otherwise why Truust is away, with the wait it asked for. */
    private Answer judge(String kind, Response response) {
        try (response) {
            int status = response.getStatus();
            if (status == 404) {
                return new Answer(null);
            }
            if (status >= 200 && status < 300) {
                String body = response.readEntity(String.class);
                return new Answer(body == null ? "" : body);
            }
            Duration retryAfter = RetryAfter.parse(response.getHeaderString("Retry-After"), clock.instant()).orElse(null);
            throw new TruustUnavailableException("Truust answered " + status + " to GET " + kind, retryAfter);
        }
    }

    private void count(String kind, Answer answer, Throwable error) {
        String outcome = error != null ? "unavailable" : answer.body() == null ? "not-found" : "ok";
        metrics.counter("truust.api.calls", "kind", kind, "outcome", outcome).increment();
        if (error != null) {
            LOG.debugf("GET %s from Truust failed: %s", kind, error);
        }
    }

    private TypedGuard<CompletionStage<Answer>> guard() {
        long maxWait = config.maxRetryDelay().toMillis();
        return TypedGuard.create(new TypeLiteral<CompletionStage<Answer>>() {
        })
                .withDescription("truust-api")
                .withRetry().maxRetries(config.maxRetries()).delay(config.retryDelay().toMillis(), ChronoUnit.MILLIS)
                .maxDuration((maxWait + config.timeout().toMillis()) * (config.maxRetries() + 1), ChronoUnit.MILLIS)
                .jitter(0, ChronoUnit.MILLIS)
                .whenException(e -> retryable(e, maxWait))
                .withCustomBackoff().strategy(this::backoff).done().done()
                .withCircuitBreaker().requestVolumeThreshold(config.circuitWindow()).failureRatio(config.circuitFailureRatio())
                .delay(config.circuitDelay().toMillis(), ChronoUnit.MILLIS).skipOn(IllegalArgumentException.class)
                .name("truust-api").done()
                .withTimeout().duration(config.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withBulkhead().limit(config.concurrency()).queueSize(10_000).done()
                .build();
    }

    /** Away errors are retried, unless the circuit is open, the bulkhead full or Truust asks for a longer wait than allowed. */
    private static boolean retryable(Throwable e, long maxWaitMillis) {
        if (e instanceof CircuitBreakerOpenException || e instanceof BulkheadException || !isAway(e)) {
            return false;
        }
        return !(e instanceof TruustUnavailableException u) || u.retryAfter() == null || u.retryAfter().toMillis() <= maxWaitMillis;
    }

    /** Doubling from the first delay, at least what Truust asked for, and always in a free slot of the pacer. */
    private CustomBackoffStrategy backoff() {
        return new CustomBackoffStrategy() {
            private long delay;

            @Override
            public void init(long initialDelayInMillis) {
                delay = initialDelayInMillis;
            }

            @Override
            public long nextDelayInMillis(Throwable cause) {
                long wanted = delay;
                delay = Math.min(delay * 2, config.maxRetryDelay().toMillis());
                if (cause instanceof TruustUnavailableException u && u.retryAfter() != null) {
                    wanted = Math.max(wanted, u.retryAfter().toMillis());
                }
                return pacer.reserve(Duration.ofMillis(wanted)).toMillis();
            }
        };
    }

    /** Whether an error means Truust is away (as opposed to a bug of ours). */
    public static boolean isAway(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        return e instanceof TruustUnavailableException || e instanceof TimeoutException || e instanceof CircuitBreakerOpenException
                || e instanceof BulkheadException || e instanceof java.io.IOException || e instanceof jakarta.ws.rs.ProcessingException
                || e instanceof java.util.concurrent.TimeoutException || e instanceof io.vertx.core.VertxException
                // the REST client now and then raises an error answer instead of returning it to judge()
                || e instanceof jakarta.ws.rs.WebApplicationException;
    }
}
