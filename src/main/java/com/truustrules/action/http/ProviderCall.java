package com.truustrules.action.http;

import com.truustrules.action.ActionOutcome;
import com.truustrules.common.RetryAfter;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request to a notification provider (an SMS API, a chat webhook), judged by the rules of the
 * http action: 2xx is done, a 4xx other than 408 and 429 is final, anything else is retried no
 * sooner than the provider's Retry-After.
 */
public final class ProviderCall {

    /** Bytes of an answer that are read; the rest is skipped. */
    public static final int KEPT_BODY = 4096;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** A provider's answer: status, the first bytes of the body, and its Retry-After header. */
    public record Answer(int status, String body, Optional<String> retryAfter) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private ProviderCall() {
    }

    /** A client that follows no redirect: a provider that moves is a configuration to fix, not to follow. */
    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Sends and reads the answer, all within {@code timeout}. */
    public static Answer send(HttpClient client, HttpRequest request, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        HttpResponse<byte[]> response = exchange(client, request, KEPT_BODY, timeout);
        return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("Retry-After"));
    }

    /** Sends and reads the first {@code maxBytes} of the answer, all within {@code timeout}. */
    static HttpResponse<byte[]> exchange(HttpClient client, HttpRequest request, int maxBytes, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, FirstBytes.handler(maxBytes));
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pending.cancel(true);
        }
    }

    /**
     * The outcome of an answer that is not 2xx.
     *
     * @param what the request as it may be logged (no secret in it)
     * @param longestWait the cap on a Retry-After: a provider cannot park a job for a year
     */
    public static ActionOutcome failure(String what, Answer answer, Instant now, Duration longestWait) {
        int status = answer.status();
        String error = what + " answered " + status + (answer.body().isBlank() ? "" : ": " + excerpt(answer.body()));
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return ActionOutcome.failed(error);
        }
        Optional<Duration> wait = RetryAfter.parse(answer.retryAfter().orElse(null), now);
        return ActionOutcome.retry(error, wait.map(w -> w.compareTo(longestWait) <= 0 ? w : longestWait).orElse(null));
    }

    /** The outcome of a request that got no answer: worth another try. */
    public static ActionOutcome noAnswer(String what, Exception e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (e instanceof TimeoutException || e instanceof HttpTimeoutException) {
            why = "no answer within the timeout";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return ActionOutcome.retry(what + " failed: " + why);
    }

    private static String excerpt(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
