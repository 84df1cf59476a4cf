package com.truustrules.action.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.config.TruustConfig;
import com.truustrules.rule.ActionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The http action: one request with the JDK client. 2xx is done; a 4xx other than 408 and 429 is
 * final; anything else (5xx, 408, 429, no connection, timeout) is retried, no sooner than the
 * server's Retry-After. Redirects are followed only within the same origin (scheme, host and port),
 * since the request carries the rule's credentials and signature. The timeout covers the whole
 * exchange and is cut to half the dispatcher's lease. What the answer says is kept short and with
 * its credentials redacted, since the admin API shows it.
 */
@ApplicationScoped
public class CallHttp implements ActionRunner {

    /** Bytes of the answer read to find credentials in it. */
    static final int READ_BODY = 2048;
    /** Bytes of the (redacted) answer kept in the job's result. */
    static final int KEPT_BODY = 512;
    static final int MAX_REDIRECTS = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);
    private static final Set<Integer> RETRIED_CLIENT_ERRORS = Set.of(408, 429);

    @Inject
    ObjectMapper json;

    @Inject
    TruustConfig config;

    // Redirects are followed by hand, to refuse a change of origin.
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT).build();

    @Override
    public ActionKind kind() {
        return ActionKind.HTTP;
    }

    @Override
    public ActionOutcome run(ActionContext context) throws Exception {
        OutgoingCall call;
        try {
            // A call must end well within the job's lease, or another instance would take the job over and call again.
            call = OutgoingCall.of(context, json, config.actions().lease().dividedBy(2));
        } catch (IllegalArgumentException e) {
            return ActionOutcome.failed("http action cannot be sent: " + e.getMessage());
        }
        try {
            return exchange(call, context.now());
        } catch (IOException | TimeoutException e) {
            return ActionOutcome.retry(call.describe() + " failed: " + describe(e));
        }
    }

    private ActionOutcome exchange(OutgoingCall call, Instant now) throws IOException, TimeoutException, InterruptedException {
        for (int redirects = 0;; redirects++) {
            HttpResponse<byte[]> response = send(call);
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return outcome(call, response, now);
            }
            URI next = call.uri().resolve(location.get());
            if (!sameOrigin(call.uri(), next)) {
                return ActionOutcome.failed(call.describe() + " redirects to another origin (" + origin(next)
                        + "), refused: the rule's credentials go to its own origin only");
            }
            if (redirects == MAX_REDIRECTS) {
                return ActionOutcome.failed(call.describe() + " redirected more than " + MAX_REDIRECTS + " times");
            }
            call = call.to(next);
        }
    }

    /** Sends and reads the answer, all within the action's timeout. */
    private HttpResponse<byte[]> send(OutgoingCall call) throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(call.request(), FirstBytes.handler(READ_BODY));
        try {
            return response.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            response.cancel(true);
        }
    }

    private ActionOutcome outcome(OutgoingCall call, HttpResponse<byte[]> response, Instant now) {
        int status = response.statusCode();
        String body = Redaction.excerpt(response.body(), KEPT_BODY);
        if (status >= 200 && status < 300) {
            return ActionOutcome.done(Map.of("status", status, "body", body));
        }
        String error = call.describe() + " answered " + status + (body.isBlank() ? "" : ": " + excerpt(body));
        if (status >= 400 && status < 500 && !RETRIED_CLIENT_ERRORS.contains(status)) {
            return ActionOutcome.failed(error);
        }
        Optional<Duration> wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now);
        // Never longer than the dispatcher's own longest backoff: a server cannot park a job for a year.
        return ActionOutcome.retry(error, wait.map(w -> min(w, config.actions().backoffMax())).orElse(null));
    }

    static boolean sameOrigin(URI a, URI b) {
        return origin(a).equals(origin(b));
    }

    /** scheme://host:port in lower case, with the scheme's default port filled in. */
    private static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static String describe(Exception e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        // Our deadline and the client's request timeout are the same; whichever ends first says so.
        if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
            return "no answer within the timeout";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
