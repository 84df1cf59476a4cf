package com.truustrules.webhook;

import com.truustrules.common.ProblemReply;
import com.truustrules.config.TruustConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Stands in front of the webhook resource on the event loop: refuses what can be refused without
 * the body (credentials, declared size), then reads the body itself, never holding more than
 * TRUUST_WEBHOOK_MAX_BODY (chunked included) nor waiting longer than TRUUST_WEBHOOK_BODY_TIMEOUT.
 * A refused call's connection is closed, so a flood is not read on.
 */
@ApplicationScoped
public class WebhookBodyGate {

    /** Where the resource finds the body this gate read. */
    static final String BODY = "truust.webhook.body";
    private static final String TOKEN_PATH = "/webhooks/truust/t/";

    @Inject
    TruustConfig config;

    @Inject
    WebhookVerifier verifier;

    @Inject
    MeterRegistry metrics;

    @Inject
    Vertx vertx;

    void register(@Observes Router router) {
        router.routeWithRegex(HttpMethod.POST, "/webhooks/truust(/.*)?")
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::admit);
    }

    void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        WebhookCall call = new WebhookCall(WebhookCall.allLines(request.headers()), pathToken(request.path()),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(), null);
        if (!verifier.mayPass(call)) {
            refuse(context, 401, "unverified", "the call could not be verified");
            return;
        }
        long max = config.webhook().maxBody().asLongValue();
        String length = request.getHeader("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > max) {
                refuse(context, 413, "too-large", tooLarge(max));
                return;
            }
        } catch (NumberFormatException e) {
            refuse(context, 400, "malformed", "Content-Length is not a number");
            return;
        }
        new BodyRead(context, max, config.webhook().bodyTimeout()).start();
    }

    /** The {token} of /webhooks/truust/t/{token}[/{event}], decoded as the router decodes it. */
    static String pathToken(String path) {
        if (!path.startsWith(TOKEN_PATH)) {
            return null;
        }
        String token = path.substring(TOKEN_PATH.length()).split("/", 2)[0];
        return token.isEmpty() ? null : URLDecoder.decode(token.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String tooLarge(long max) {
        return "the body is larger than " + max + " bytes";
    }

    private void refuse(RoutingContext context, int status, String reason, String detail) {
        metrics.counter("truust.events.rejected", "reason", reason).increment();
        ProblemReply.refuseAndClose(context, status, detail);
    }

    /** One body being read; every callback runs on the request's event loop, so no locking. */
    private final class BodyRead {
        private final RoutingContext context;
        private final long max;
        private final Duration timeout;
        private final Buffer body = Buffer.buffer();
        private long timer;
        private boolean finished;

        BodyRead(RoutingContext context, long max, Duration timeout) {
            this.context = context;
            this.max = max;
            this.timeout = timeout;
        }

        void start() {
            HttpServerRequest request = context.request();
            timer = vertx.setTimer(Math.max(1, timeout.toMillis()),
                    id -> fail(408, "timeout", "the body did not arrive within " + timeout.toSeconds() + " s"));
            request.handler(this::chunk);
            request.endHandler(end -> complete());
            request.exceptionHandler(error -> finish());
            request.resume();
        }

        private void chunk(Buffer chunk) {
            if (finished) {
                return;
            }
            if (body.length() + (long) chunk.length() > max) {
                fail(413, "too-large", tooLarge(max));
                return;
            }
            body.appendBuffer(chunk);
        }

        private void complete() {
            if (finish()) {
                context.put(BODY, body.getBytes());
                context.next();
            }
        }

        private void fail(int status, String reason, String detail) {
            if (finish()) {
                refuse(context, status, reason, detail);
            }
        }

        /** True for the first of end, failure and timeout; the others are then ignored. */
        private boolean finish() {
            if (finished) {
                return false;
            }
            finished = true;
            vertx.cancelTimer(timer);
            return true;
        }
    }
}
