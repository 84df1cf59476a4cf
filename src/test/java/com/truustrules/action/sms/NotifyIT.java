package com.truustrules.action.sms;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.http.TestServer.Answer;
import com.truustrules.action.http.TestServer.Received;
import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The packaged application texts through (a fake) Twilio and posts to (a fake) chat webhook. */
@QuarkusIntegrationTest
@WithTestResource(NotifyItConfig.class)
class NotifyIT {

    static void post(String orderId, String metadata, String name) {
        String body = Payloads.published(orderId)
                .replace("\"campaign\": \"black-friday\"", "\"campaign\": \"black-friday\", " + metadata)
                .replace("\"Vintage camera Olympus OM-1\"", name);
        Calls.truust().body(body).post("/webhooks/truust/order-published").then().statusCode(202);
    }

    @Test
    void aTextIsSentOnceThroughTwilio() {
        NotifyItConfig.SERVER.script(NotifyItConfig.MESSAGES, Answer.of(201, "{\"sid\": \"SMit1\"}"));
        post("72000001", "\"flow\": \"sms\", \"phone\": \"612 345 678\"", "\"Camera\"");
        Await.until("the sms job done", Duration.ofSeconds(30), () -> Calls.admin().get("/api/actions?status=DONE")
                .then().extract().jsonPath().getList("items.kind").contains("sms"));
        List<Received> texts = NotifyItConfig.SERVER.received(NotifyItConfig.MESSAGES);
        assertEquals(1, texts.size());
        String form = URLDecoder.decode(texts.get(0).body(), StandardCharsets.UTF_8);
        assertEquals("To=+34612345678&MessagingServiceSid=MGit&Body=Order 72000001: Camera", form);
        Calls.admin().get("/api/actions?status=DONE").then().body("items.result", hasItem(
                "{\"to\":\"+34612345678\",\"segments\":1,\"encoding\":\"GSM-7\",\"via\":\"twilio\",\"messageId\":\"SMit1\"}"));
    }

    @Test
    void aChatMessageIsPostedAsJson() throws Exception {
        post("72000002", "\"flow\": \"chat\"", "\"Camera \\\"OM-1\\\"\\n<b>new</b>\"");
        Await.until("the chat post", Duration.ofSeconds(30), () -> !NotifyItConfig.SERVER.received(NotifyItConfig.CHAT).isEmpty());
        Received post = NotifyItConfig.SERVER.received(NotifyItConfig.CHAT).get(0);
        JsonNode message = new ObjectMapper().readTree(post.bytes());
        assertEquals("Big order 72000002: Camera \"OM-1\"\n&lt;b&gt;new&lt;/b&gt;", message.get("text").asText());
        assertTrue(post.header("Content-Type").startsWith("application/json"));
    }
}
