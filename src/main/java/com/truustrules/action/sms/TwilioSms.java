package com.truustrules.action.sms;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Twilio's Messages API: a form POST (To, From or MessagingServiceSid, Body) with basic auth; the answer's sid is the id. */
final class TwilioSms implements SmsProvider {

    private final URI endpoint;
    private final String authorization;
    private final Map<String, String> sender;
    private final Duration timeout;
    private final Duration longestWait;
    private final ObjectMapper json;
    private final HttpClient client = ProviderCall.client();

    TwilioSms(SmsConfig config, Duration timeout, Duration longestWait, ObjectMapper json) {
        String sid = config.accountSid().orElseThrow();
        this.endpoint = URI.create(config.apiUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + URLEncoder.encode(sid, StandardCharsets.UTF_8) + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (sid + ":" + config.authToken().orElseThrow()).getBytes(StandardCharsets.UTF_8));
        this.sender = config.messagingServiceSid().map(s -> Map.of("MessagingServiceSid", s))
                .orElseGet(() -> Map.of("From", config.from().orElseThrow()));
        this.timeout = timeout;
        this.longestWait = longestWait;
        this.json = json;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public ActionOutcome send(SmsMessage message, ActionContext.Sending sending, Instant now) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(message))).build();
        ProviderCall.Answer answer;
        sending.begin();
        try {
            answer = ProviderCall.send(client, request, timeout);
        } catch (IOException | TimeoutException e) {
            return ProviderCall.noAnswer(describe(), e);
        }
        if (!answer.ok()) {
            return ProviderCall.failure(describe(), answer, now, longestWait);
        }
        return message.done(name(), sid(answer.body()));
    }

    private String form(SmsMessage message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", message.to());
        fields.putAll(sender);
        fields.put("Body", message.text());
        return fields.entrySet().stream().map(f -> f.getKey() + "=" + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The answer's sid; a 2xx without one still means Twilio took the text. */
    private String sid(String body) {
        try {
            JsonNode sid = json.readTree(body).path("sid");
            return sid.isTextual() ? sid.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String describe() {
        return "Twilio " + endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }
}
