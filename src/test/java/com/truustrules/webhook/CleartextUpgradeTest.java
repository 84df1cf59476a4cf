package com.truustrules.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.truustrules.support.Calls;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A caller may ask to upgrade a plain-HTTP call to HTTP/2 ("Upgrade: h2c"; the JDK's client does by
 * default). The server then reads the whole body itself before the webhook gate could, which made
 * every such webhook a 500. Plain HTTP stays HTTP/1.1: the call is answered as any other.
 */
@QuarkusTest
class CleartextUpgradeTest {

    @Test
    void aWebhookThatAsksForAnH2cUpgradeIsStoredOverHttp11() throws Exception {
        String body = Payloads.read("order-published-sample").replace("\"8810231\"", "\"" + UUID.randomUUID() + "\"");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/webhooks/truust/order-published"))
                .header("Content-Type", "application/json").header("X-Truust-Secret", Calls.SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(202, answer.statusCode(), answer.body());
        assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
        String id = answer.body().replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String stored = Calls.admin().get("/api/events/" + id).then().statusCode(200).extract().path("body");
        assertTrue(stored.equals(body), "the stored body is the body sent");
    }
}
