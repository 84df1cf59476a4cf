package com.truustrules.action.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.Templates;
import com.truustrules.common.Hashing;
import com.truustrules.webhook.StandardWebhooksSignature;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as an http action describes it: url, headers and body rendered against the facts,
 * plus an Idempotency-Key and, with a secret, a Standard Webhooks signature. Building it throws
 * IllegalArgumentException for settings that no retry can fix.
 */
record OutgoingCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    static final String DEFAULT_TIMEOUT = "PT10S";

    /** @param longest the cap on the timeout setting */
    static OutgoingCall of(ActionContext context, ObjectMapper json, Duration longest) throws JsonProcessingException {
        Map<String, Object> spec = context.spec();
        String method = String.valueOf(spec.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT);
        byte[] body = method.equals("GET") ? new byte[0] : body(context, json);
        OutgoingCall call = new OutgoingCall(method, uri(context.text("url")), headers(context, body), body,
                timeout(spec.get("timeout"), longest));
        call.request();
        return call;
    }

    /** The rule's headers over the JSON content type; ours last, so a rule cannot spoil the key or the signature. */
    private static Map<String, String> headers(ActionContext context, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (context.spec().get("headers") instanceof Map<?, ?> extra) {
            extra.forEach((name, value) -> headers.put(String.valueOf(name), Templates.render(String.valueOf(value), context.facts())));
        }
        headers.put("Idempotency-Key", idempotencyKey(context.idempotencyKey()));
        Object secret = context.spec().get("secret");
        if (secret != null) {
            headers.putAll(signature(secret.toString(), "msg_" + context.jobId(), context.now().getEpochSecond(), body));
        }
        return headers;
    }

    /** The JDK request; building it checks header names and values. */
    HttpRequest request() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::setHeader);
        return request.build();
    }

    /** The same request sent to where a redirect points. */
    OutgoingCall to(URI location) {
        return new OutgoingCall(method, location, headers, body, timeout);
    }

    /** Method, scheme, host and path: never the query, which may carry tokens. */
    String describe() {
        return method + " " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The body template, a mapping whose texts are templates (sent as JSON), or by default the event and its payload. */
    private static byte[] body(ActionContext context, ObjectMapper json) throws JsonProcessingException {
        Object body = context.spec().get("body");
        if (body instanceof String text) {
            return Templates.render(text, context.facts()).getBytes(StandardCharsets.UTF_8);
        }
        if (body != null) {
            return json.writeValueAsBytes(rendered(body, context.facts()));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", context.facts().get("event"));
        event.put("payload", context.facts().get("payload"));
        return json.writeValueAsBytes(event);
    }

    /** Renders every text inside a mapping or list: values land in JSON strings, escaped, so they cannot break it. */
    static Object rendered(Object value, Map<String, Object> facts) {
        if (value instanceof String text) {
            return Templates.render(text, facts);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key), rendered(item, facts)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(rendered(item, facts)));
            return out;
        }
        return value;
    }

    static URI uri(String text) {
        URI uri = URI.create(text.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("url must be an http:// or https:// address with a host, not '" + text + "'");
        }
        return uri;
    }

    static Duration timeout(Object setting, Duration longest) {
        try {
            Duration timeout = Duration.parse(setting == null ? DEFAULT_TIMEOUT : setting.toString().strip());
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, not " + setting);
            }
            return timeout.compareTo(longest) <= 0 ? timeout : longest;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timeout must be an ISO-8601 duration such as PT10S, not '" + setting + "'", e);
        }
    }

    /** The job's key as it is, unless it cannot travel in a header (non-ASCII, over long): then its hash. */
    static String idempotencyKey(String key) {
        return key.matches("[\\x20-\\x7E]{1,200}") ? key : "sha256:" + Hashing.sha256Hex(key);
    }

    private static Map<String, String> signature(String secret, String id, long timestamp, byte[] body) {
        return Map.of(StandardWebhooksSignature.ID, id, StandardWebhooksSignature.TIMESTAMP, Long.toString(timestamp),
                StandardWebhooksSignature.SIGNATURE, StandardWebhooksSignature.sign(secret, id, timestamp, body));
    }
}
