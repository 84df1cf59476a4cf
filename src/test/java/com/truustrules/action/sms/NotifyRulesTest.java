package com.truustrules.action.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.http.TestServer;
import com.truustrules.action.http.TestServer.Answer;
import com.truustrules.action.http.TestServer.Received;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Metrics;
import com.truustrules.support.Payloads;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The sms and chat actions driven as in production: a webhook, a rule, the dispatcher, a fake Twilio and chat. */
@QuarkusTest
@TestProfile(NotifyRulesProfile.class)
class NotifyRulesTest {

    static final TestServer SERVER = NotifyRulesProfile.SERVER;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    /** A Spanish mobile number of its own, written as people do, and its E.164 form. */
    record Phone(String prefix, String national, String e164) {
        static Phone fresh() {
            String digits = "6" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
            return new Phone("+34", digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6), "+34" + digits);
        }
    }

    static UUID post(String metadata, String name) {
        String body = Payloads.published(Long.toString(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L)))
                .replace("\"campaign\": \"black-friday\"", "\"campaign\": \"black-friday\", " + metadata)
                .replace("\"Vintage camera Olympus OM-1\"", name);
        return UUID.fromString(Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202)
                .extract().path("id"));
    }

    static UUID text(Phone phone) {
        return post("\"flow\": \"sms\", \"prefix\": \"" + phone.prefix() + "\", \"phone\": \"" + phone.national() + "\"",
                "\"Camera\"");
    }

    static List<Map<String, String>> textsTo(Phone phone) {
        return SERVER.received(NotifyRulesProfile.MESSAGES).stream().map(NotifyRulesTest::form)
                .filter(f -> phone.e164().equals(f.get("To"))).toList();
    }

    static Map<String, String> form(Received request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.body().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        fields.put("(authorization)", request.header("Authorization"));
        fields.put("(content-type)", request.header("Content-Type"));
        return fields;
    }

    /** The event's job of the given kind: status, attempts, last_error, result, sending_since. */
    Map<String, Object> job(UUID event, String kind) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id, status, attempts, last_error, result, sending_since FROM action_job WHERE event_id = ? AND kind = ?")) {
            s.setObject(1, event);
            s.setString(2, kind);
            try (ResultSet rows = s.executeQuery()) {
                Map<String, Object> row = new LinkedHashMap<>();
                if (rows.next()) {
                    for (int i = 1; i <= 6; i++) {
                        row.put(rows.getMetaData().getColumnLabel(i).toLowerCase(), rows.getObject(i));
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void awaitJob(UUID event, String kind, String status, int attempts) {
        Await.until(kind + " job " + status + " after " + attempts, () -> {
            Map<String, Object> job = job(event, kind);
            return status.equals(job.get("status")) && ((Number) job.get("attempts")).intValue() == attempts;
        });
    }

    int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTextIsSentOnceWithTheRightFieldsAndAuthAndItsIdAndSegmentsAreRecorded() throws Exception {
        Phone phone = Phone.fresh();
        double done = Metrics.value("truust_actions_total", "kind=\"sms\"", "outcome=\"done\"");
        SERVER.script(NotifyRulesProfile.MESSAGES, Answer.of(201, "{\"sid\": \"SM" + phone.e164().substring(1) + "\", \"status\": \"queued\"}"));
        UUID event = text(phone);
        awaitJob(event, "sms", "DONE", 1);

        List<Map<String, String>> texts = textsTo(phone);
        assertEquals(1, texts.size(), texts.toString());
        Map<String, String> form = texts.get(0);
        assertEquals("+15005550006", form.get("From"));
        assertTrue(form.get("Body").matches("Order \\d+ is paid: Camera"), form.get("Body"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((NotifyRulesProfile.ACCOUNT + ":" + NotifyRulesProfile.TOKEN)
                .getBytes(StandardCharsets.UTF_8)), form.get("(authorization)"));
        assertEquals("application/x-www-form-urlencoded", form.get("(content-type)"));
        JsonNode result = json.readTree((String) job(event, "sms").get("result"));
        assertEquals("SM" + phone.e164().substring(1), result.get("messageId").asText());
        assertEquals(1, result.get("segments").asInt());
        assertEquals(phone.e164(), result.get("to").asText());
        assertEquals("twilio", result.get("via").asText());
        assertEquals(done + 1, Metrics.value("truust_actions_total", "kind=\"sms\"", "outcome=\"done\""));
    }

    @Test
    void a503IsRetriedNoSoonerThanItsRetryAfter() throws Exception {
        Phone phone = Phone.fresh();
        SERVER.script(NotifyRulesProfile.MESSAGES, Answer.of(503, "{\"message\": \"busy\"}").with("Retry-After", "2"),
                Answer.of(201, "{\"sid\": \"SMretried\"}"));
        UUID event = text(phone);
        awaitJob(event, "sms", "DONE", 2);
        List<Received> requests = SERVER.received(NotifyRulesProfile.MESSAGES).stream()
                .filter(r -> phone.e164().equals(form(r).get("To"))).toList();
        assertEquals(2, requests.size());
        // The dispatcher's own backoff is 0.2 s here: only the Retry-After makes the pause this long.
        Duration pause = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(pause.compareTo(Duration.ofMillis(1900)) >= 0, pause.toString());
        assertEquals("SMretried", json.readTree((String) job(event, "sms").get("result")).get("messageId").asText());
    }

    @Test
    void a400IsFinalAndSentOnlyOnce() {
        Phone phone = Phone.fresh();
        SERVER.script(NotifyRulesProfile.MESSAGES, Answer.of(400, "{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\"}"));
        UUID event = text(phone);
        awaitJob(event, "sms", "DEAD", 1);
        String error = (String) job(event, "sms").get("last_error");
        assertTrue(error.contains("answered 400") && error.contains("21211"), error);
        assertEquals(1, textsTo(phone).size());
    }

    @Test
    void anInvalidNumberFailsTheJobBeforeAnythingIsSent() {
        int before = SERVER.received(NotifyRulesProfile.MESSAGES).size();
        UUID event = post("\"flow\": \"sms\", \"prefix\": \"+34\", \"phone\": \"call me maybe\"", "\"Camera\"");
        awaitJob(event, "sms", "DEAD", 1);
        String error = (String) job(event, "sms").get("last_error");
        assertTrue(error.startsWith("sms not sent: '+34call me maybe' is not a phone number"), error);
        assertEquals(before, SERVER.received(NotifyRulesProfile.MESSAGES).size(), "nothing reached Twilio");
    }

    /**
     * The attempt is marked as sending while Twilio holds the request; an instance that died between
     * that mark and the answer leaves a job RUNNING and marked, which the next instance does not send
     * again but leaves DEAD "in doubt".
     */
    @Test
    void aCrashBetweenTheMarkAndTheAnswerLeavesTheJobInDoubt() {
        Phone phone = Phone.fresh();
        SERVER.script(NotifyRulesProfile.MESSAGES, Answer.of(201, "{\"sid\": \"SMslow\"}").after(1500));
        UUID event = text(phone);
        Await.until("the text to reach Twilio", () -> textsTo(phone).size() == 1);
        Map<String, Object> inFlight = job(event, "sms");
        assertEquals("RUNNING", inFlight.get("status"));
        assertNotNull(inFlight.get("sending_since"), "marked before Twilio answered");
        awaitJob(event, "sms", "DONE", 1);

        Instant now = Instant.now();
        assertEquals(1, update("UPDATE action_job SET status = 'RUNNING', result = NULL, lease_until = ?, sending_since = ? "
                + "WHERE event_id = ? AND kind = 'sms'", now.minusSeconds(1).atOffset(ZoneOffset.UTC),
                now.minusSeconds(2).atOffset(ZoneOffset.UTC), event));
        awaitJob(event, "sms", "DEAD", 2);
        String error = (String) job(event, "sms").get("last_error");
        assertTrue(error.startsWith("in doubt: an attempt began sending at "), error);
        assertEquals(1, textsTo(phone).size(), "not texted a second time");
    }

    @Test
    void aChatMessageWithQuotesNewlinesAndHtmlArrivesAsValidJsonWithTheTextIntact() throws Exception {
        String name = "Say \"hi\"\nthen <b>bold</b> & <!channel> \\ done";
        String buyer = "Ana \"La\" García</p>";
        UUID event = post("\"flow\": \"chat\", \"buyer_name\": " + json.writeValueAsString(buyer), json.writeValueAsString(name));
        awaitJob(event, "chat", "DONE", 1);
        List<Received> posts = SERVER.received(NotifyRulesProfile.CHAT);
        assertEquals(1, posts.size(), "posted once");
        Received post = posts.get(0);
        assertEquals("application/json", post.header("Content-Type"));
        JsonNode message = json.readTree(post.bytes());
        String text = message.get("text").asText();
        assertTrue(text.startsWith("Big order "), text);
        // Slack shows &amp; &lt; &gt; as & < >: what the chat shows is the event's text, character for character.
        assertEquals(name, SlackUnescaped.unescape(text.substring(text.indexOf(": ") + 2)));
        assertTrue(!text.contains("<!channel>"), "a value from the event cannot mention the channel: " + text);
        JsonNode block = message.get("blocks").get(0);
        assertEquals("section", block.get("type").asText());
        assertEquals("*" + name + "* by " + buyer, SlackUnescaped.unescape(block.get("text").get("text").asText()));
        assertEquals(1, Metrics.value("truust_actions_total", "kind=\"chat\"", "outcome=\"done\""), 0.0);
    }

    @Test
    void validateWarnsAboutALongTextAndRefusesAnUnsetWebhookVariable() {
        String longText = "id: long\non: [order.published]\nactions:\n  - sms: { to: \"+34612345678\", text: \"" + "ñ".repeat(161) + "\" }\n";
        Calls.admin().contentType("application/yaml").body(longText.getBytes(StandardCharsets.UTF_8)).post("/api/rules/validate").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(true))
                .body("warnings[0].line", org.hamcrest.Matchers.equalTo(4))
                .body("warnings[0].message", org.hamcrest.Matchers.startsWith("'sms' text is 161 GSM-7 characters"));
        String unset = "id: unset\non: [order.published]\nactions:\n  - chat: { webhook: TRUUST_CHAT_UNSET, text: hi }\n";
        Calls.admin().contentType("application/yaml").body(unset.getBytes(StandardCharsets.UTF_8)).post("/api/rules/validate").then().statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(false))
                .body("errors[0].message", org.hamcrest.Matchers.startsWith("'chat' environment variable TRUUST_CHAT_UNSET is not set"));
    }

    /** Slack's own reading of a message text. */
    static final class SlackUnescaped {
        static String unescape(String text) {
            return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
    }
}
