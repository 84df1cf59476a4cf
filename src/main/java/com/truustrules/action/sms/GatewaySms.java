package com.truustrules.action.sms;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.http.ProviderCall;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider with a simple HTTP API: one POST to a configured URL with configured headers and a body
 * template in which {to}, {text}, {from} and {id} are replaced by the values, encoded for the body's
 * content type (JSON string or form field), so a text cannot break out of its place.
 */
final class GatewaySms implements SmsProvider {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    private static final Pattern FIELD = Pattern.compile("\\{(to|text|from|id)}");

    private final URI url;
    private final Map<String, String> headers;
    private final String body;
    private final String contentType;
    private final Optional<String> from;
    private final Optional<String> idPointer;
    private final Duration timeout;
    private final Duration longestWait;
    private final ObjectMapper json;
    private final HttpClient client = ProviderCall.client();

    GatewaySms(SmsConfig config, Duration timeout, Duration longestWait, ObjectMapper json) {
        SmsConfig.Gateway gateway = config.gateway();
        this.url = URI.create(gateway.url().orElseThrow());
        this.headers = Map.copyOf(gateway.headers());
        this.body = gateway.body();
        this.contentType = gateway.contentType();
        this.from = config.from();
        this.idPointer = gateway.idPointer();
        this.timeout = timeout;
        this.longestWait = longestWait;
        this.json = json;
        // Header names and values are checked now, so a bad one stops the start instead of every text.
        HttpRequest.Builder check = HttpRequest.newBuilder(url);
        headers.forEach(check::header);
        check.build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public ActionOutcome send(SmsMessage message, ActionContext.Sending sending, Instant now) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body(message)));
        headers.forEach(request::header);
        request.setHeader("Content-Type", contentType).setHeader("Idempotency-Key", message.id());
        ProviderCall.Answer answer;
        sending.begin();
        try {
            answer = ProviderCall.send(client, request.build(), timeout);
        } catch (IOException | TimeoutException e) {
            return ProviderCall.noAnswer(describe(), e);
        }
        if (!answer.ok()) {
            return ProviderCall.failure(describe(), answer, now, longestWait);
        }
        return message.done(name(), providerId(answer.body()));
    }

    private String body(SmsMessage message) {
        return fill(body, contentType, Map.of("to", message.to(), "text", message.text(), "from", from.orElse(""),
                "id", message.id()));
    }

    /** The template with each {to}, {text}, {from} and {id} replaced by its value, encoded for the content type. */
    static String fill(String template, String contentType, Map<String, String> values) {
        UnaryOperator<String> encode = contentType.startsWith(FORM) ? v -> URLEncoder.encode(v, StandardCharsets.UTF_8)
                : v -> new String(JsonStringEncoder.getInstance().quoteAsString(v));
        Matcher field = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (field.find()) {
            field.appendReplacement(out, Matcher.quoteReplacement(encode.apply(values.get(field.group(1)))));
        }
        return field.appendTail(out).toString();
    }

    private String providerId(String answer) {
        if (idPointer.isEmpty()) {
            return null;
        }
        try {
            JsonNode id = json.readTree(answer).at(idPointer.get());
            return id.isValueNode() ? id.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private String describe() {
        return "SMS gateway POST " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
