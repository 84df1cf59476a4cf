package com.truustrules.action.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.Templates;
import com.truustrules.action.ValueEncoding;
import com.truustrules.common.Hashing;
import com.truustrules.common.StandardWebhooksSignature;
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
import java.util.Optional;

/**
 * One request as an http action describes it: url, headers and body rendered against the facts,
 * each value encoded for where it lands (URL component, JSON string, form field), plus an Idempotency-Key and, with a secret, a Standard Webhooks signature. Building it throws
 * IllegalArgumentException for settings that no retry can fix.
 */
record OutgoingCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {

    static final String DEFAULT_TIMEOUT = "PT10S";
    static final String JSON = "application/json";

    /** @param longest the cap on the timeout setting */
    static OutgoingCall of(ActionContext context, ObjectMapper json, Duration longest) throws JsonProcessingException {
        Map<String, Object> spec = context.spec();
        String method = String.valueOf(spec.getOrDefault("method", "POST")).toUpperCase(Locale.ROOT);
        Map<String, String> ruleHeaders = ruleHeaders(context);
        String contentType = ruleHeaders.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(JSON);
        byte[] body = method.equals("GET") ? new byte[0] : body(context, json, contentType);
        URI uri = UrlTemplate.parse(String.valueOf(spec.get("url"))).render(context.facts());
        OutgoingCall call = new OutgoingCall(method, uri, headers(context, ruleHeaders, contentType, body), body,
                timeout(spec.get("timeout"), longest));
        call.request();
        return call;
    }

    /** The rule's headers: texts rendered against the facts, env: references read from the environment. */
    private static Map<String, String> ruleHeaders(ActionContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (context.spec().get("headers") instanceof Map<?, ?> extra) {
            extra.forEach((name, value) -> headers.put(String.valueOf(name), HttpSecrets.reference(value).isPresent()
                    ? HttpSecrets.resolve(String.valueOf(value)) : Templates.render(String.valueOf(value), context.facts())));
        }
        return headers;
    }

    /** The rule's headers under one content type; ours last, so a rule cannot spoil the key or the signature. */
    private static Map<String, String> headers(ActionContext context, Map<String, String> ruleHeaders, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        ruleHeaders.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                headers.put(name, value);
            }
        });
        headers.put("Idempotency-Key", idempotencyKey(context.idempotencyKey()));
        Object secret = context.spec().get("secret");
        if (secret != null) {
            headers.putAll(signature(HttpSecrets.resolve(secret.toString()), "msg_" + context.jobId(), context.now().getEpochSecond(), body));
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

    /**
     * The body: a text template whose values are encoded for the content type (JSON strings, form
     * values, XML), a mapping whose texts are templates (JSON, or form fields), or by default the
     * event and its payload. A JSON text body must still be one JSON document after rendering.
     */
    private static byte[] body(ActionContext context, ObjectMapper json, String contentType) throws JsonProcessingException {
        Object body = context.spec().get("body");
        Optional<ValueEncoding> encoding = encodingFor(contentType);
        if (body instanceof String text) {
            String rendered = encoding.map(e -> Templates.render(text, context.facts(), e)).orElseGet(() -> Templates.render(text, context.facts()));
            if (encoding.orElse(null) == ValueEncoding.JSON) {
                checkJson(json, rendered);
            }
            return rendered.getBytes(StandardCharsets.UTF_8);
        }
        if (body != null) {
            Object data = Templates.renderAll(body, context.facts());
            return encoding.orElse(null) == ValueEncoding.FORM ? form(data) : json.writeValueAsBytes(data);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", context.facts().get("event"));
        event.put("payload", context.facts().get("payload"));
        return json.writeValueAsBytes(event);
    }

    /** JSON for application/json and any +json type, form encoding for forms, XML escaping for XML types. */
    static Optional<ValueEncoding> encodingFor(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals(JSON) || type.endsWith("+json")) {
            return Optional.of(ValueEncoding.JSON);
        }
        if (type.equals(ValueEncoding.FORM.contentType())) {
            return Optional.of(ValueEncoding.FORM);
        }
        return type.endsWith("/xml") || type.endsWith("+xml") ? Optional.of(ValueEncoding.XML) : Optional.empty();
    }

    private static void checkJson(ObjectMapper json, String rendered) {
        try (com.fasterxml.jackson.core.JsonParser parser = json.getFactory().createParser(rendered)) {
            json.readTree(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the JSON body holds more than one JSON value after rendering");
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON after rendering (put each {placeholder} inside a "
                    + "JSON string, or give the body as a mapping)");
        }
    }

    /** A mapping body as form fields; each value is a text, number or boolean. */
    private static byte[] form(Object data) {
        if (!(data instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("a form body must be a mapping of field names to values");
        }
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> {
            if (value instanceof Map || value instanceof List) {
                throw new IllegalArgumentException("form field '" + name + "' must be a text, number or boolean");
            }
            pairs.add(ValueEncoding.FORM.encode(String.valueOf(name)) + "=" + ValueEncoding.FORM.encode(value == null ? "" : value.toString()));
        });
        return String.join("&", pairs).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The timeout a setting gives, cut to {@code longest}. HttpAction runs this same parse when the
     * rules load, so a rule with a bad timeout never loads; the refusal here is for a job queued
     * before that check existed, whose settings were stored with it.
     */
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
