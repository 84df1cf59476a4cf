package com.truustrules.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.truustrules.common.EventTypes;
import com.truustrules.common.Hashing;
import com.truustrules.common.Ids;
import com.truustrules.common.Problem;
import com.truustrules.common.ProblemException;
import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.common.TruustIds;
import com.truustrules.config.TruustConfig;
import com.truustrules.event.EventSource;
import com.truustrules.event.EventWriter;
import com.truustrules.event.NewEvent;
import com.truustrules.event.StorageUnavailableException;
import com.truustrules.event.StoredEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One call's way in: limit, verify, parse, classify, store, answer. */
@ApplicationScoped
public class WebhookIngest {

    @Inject
    TruustConfig config;

    @Inject
    WebhookVerifier verifier;

    @Inject
    EventWriter writer;

    @Inject
    MeterRegistry metrics;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    public CompletionStage<Response> receive(HttpServerRequest request, String token, String event, byte[] body) {
        Timer.Sample sample = Timer.start(metrics);
        NewEvent newEvent;
        try {
            newEvent = accept(request, token, event, body);
        } catch (ProblemException e) {
            rejected(reasonOf(e));
            return CompletableFuture.completedFuture(e.toResponse());
        }
        return writer.submit(newEvent)
                .orTimeout(config.storage().commitTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((stored, failure) -> answer(stored, failure))
                .whenComplete((response, failure) -> sample.stop(metrics.timer("truust.ingest.latency")));
    }

    private NewEvent accept(HttpServerRequest request, String token, String event, byte[] body) {
        if (body.length > config.webhook().maxBody().asLongValue()) {
            throw new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "the body is larger than " + config.webhook().maxBody().asLongValue() + " bytes");
        }
        WebhookCall call = new WebhookCall(WebhookCall.allLines(request.headers()), token, request.remoteAddress().hostAddress(), body);
        // Verification first: an unverified caller learns nothing about what the service would accept.
        if (!verifier.verify(call)) {
            throw new ProblemException(Response.Status.UNAUTHORIZED, "the call could not be verified");
        }
        requireJson(request.getHeader("Content-Type"));
        WebhookBody parsed = WebhookBody.parse(body);
        String type = EventTypes.classify(event, request.getHeader(config.webhook().eventHeader()), parsed.json());
        String dedupKey = dedupKey(request.getHeader(StandardWebhooksSignature.ID), type, parsed);
        return new NewEvent(Ids.newId(), type, dedupKey, clock.instant(), verifier.clientAddress(call),
                keptHeaders(request), parsed.text(), TruustIds.orderId(parsed.json()), EventSource.WEBHOOK);
    }

    private Response answer(StoredEvent stored, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            rejected(cause instanceof TimeoutException ? "storage-timeout" : "storage");
            return Problem.builder(Response.Status.SERVICE_UNAVAILABLE, "the event could not be stored; retry later")
                    .header("Retry-After", config.storage().retryAfterSeconds()).build();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", stored.id());
        if (stored.duplicate()) {
            metrics.counter("truust.events.duplicate").increment();
            answer.put("duplicate", true);
            return Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build();
        }
        metrics.counter("truust.events.received", "type", stored.type()).increment();
        answer.put("type", stored.type());
        answer.put("duplicate", false);
        return Response.accepted(answer).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static void requireJson(String contentType) {
        String subtype = "";
        if (contentType != null) {
            String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            subtype = mediaType.startsWith("application/") || mediaType.startsWith("text/")
                    ? mediaType.substring(mediaType.indexOf('/') + 1) : "";
        }
        if (!subtype.equals("json") && !subtype.endsWith("+json")) {
            throw new ProblemException(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be sent as application/json, not " + (contentType == null ? "without a type" : contentType));
        }
    }

    /** Standard Webhooks' message id when the sender gives one, else a hash of type and canonical body. */
    static String dedupKey(String webhookId, String type, WebhookBody body) {
        if (webhookId != null && !webhookId.isBlank()) {
            String id = webhookId.trim();
            return id.length() <= 150 ? "webhook-id:" + id : "webhook-id:sha256:" + Hashing.sha256Hex(id);
        }
        return "sha256:" + Hashing.sha256Hex(type + "\n" + body.canonical());
    }

    private String keptHeaders(HttpServerRequest request) {
        ObjectNode kept = mapper.createObjectNode();
        String secretHeader = config.webhook().secretHeader();
        for (String name : config.webhook().keptHeaders()) {
            String value = request.getHeader(name);
            if (value != null && !name.equalsIgnoreCase(secretHeader) && !name.equalsIgnoreCase("authorization")) {
                kept.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return kept.toString();
    }

    private void rejected(String reason) {
        metrics.counter("truust.events.rejected", "reason", reason).increment();
    }

    private static String reasonOf(ProblemException e) {
        return switch (e.status()) {
            case UNAUTHORIZED -> "unverified";
            case REQUEST_ENTITY_TOO_LARGE -> "too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "not-json";
            default -> "malformed";
        };
    }
}
