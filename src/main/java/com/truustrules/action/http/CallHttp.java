package com.truustrules.action.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.config.TruustConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 307, 308);

    @Inject
    ObjectMapper json;

    @Inject
    TruustConfig config;

    // Redirects are followed by hand, to refuse a change of origin.
    private final HttpClient client = ProviderCall.client();

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
            return ProviderCall.noAnswer(call.describe(), e);
        }
    }

    private ActionOutcome exchange(OutgoingCall call, Instant now) throws IOException, TimeoutException, InterruptedException {
        for (int redirects = 0;; redirects++) {
            HttpResponse<byte[]> response = ProviderCall.exchange(client, call.request(), READ_BODY, call.timeout());
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

    private ActionOutcome outcome(OutgoingCall call, HttpResponse<byte[]> response, Instant now) {
        int status = response.statusCode();
        String body = Redaction.excerpt(response.body(), KEPT_BODY);
        if (status >= 200 && status < 300) {
            return ActionOutcome.done(Map.of("status", status, "body", body));
        }
        // A Retry-After is capped by the dispatcher's own longest backoff: a server cannot park a job for a year.
        return ProviderCall.failure(call.describe(), new ProviderCall.Answer(status, body, response.headers().firstValue("Retry-After")),
                now, config.actions().backoffMax());
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

}
