package com.truustrules.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.common.StandardWebhooksSignature;
import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class WebhookResourceTest {

    @Inject
    Db db;

    private static String uniqueOrder() {
        return Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    private long rowsFor(String order) {
        return db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE ?", "%\"" + order + "\"%");
    }

    @Test
    void storesAValidCallAndAnswers202() {
        String order = uniqueOrder();
        String id = Calls.truust().body(Payloads.published(order))
                .when().post("/webhooks/truust/order-published")
                .then().statusCode(202)
                .body("type", equalTo("order.published"))
                .body("duplicate", equalTo(false))
                .body("id", notNullValue())
                .extract().path("id");
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ?", UUID.fromString(id)));
        assertEquals(1, rowsFor(order));
    }

    @Test
    void aSecondDeliveryIsADuplicateOfTheFirst() {
        String body = Payloads.published(uniqueOrder());
        String first = Calls.truust().body(body).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
        // Same event re-sent with different white space: still the same event.
        Calls.truust().body(body.replace("\n", "\n  ")).post("/webhooks/truust/order-published")
                .then().statusCode(200)
                .body("id", equalTo(first))
                .body("duplicate", equalTo(true));
        assertEquals(1, db.count("SELECT COUNT(*) FROM inbound_event WHERE id = ?", UUID.fromString(first)));
    }

    @Test
    void theSameBodyUnderAnotherTypeIsAnotherEvent() {
        String body = Payloads.published(uniqueOrder());
        String published = Calls.truust().body(body).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
        String confirmed = Calls.truust().body(body).post("/webhooks/truust/payin-confirmed")
                .then().statusCode(202).body("type", equalTo("payin.confirmed")).extract().path("id");
        org.junit.jupiter.api.Assertions.assertNotEquals(published, confirmed);
    }

    @Test
    void aWebhookIdDeduplicatesEvenWhenTheBodyDiffers() {
        String webhookId = "msg_" + UUID.randomUUID();
        String first = Calls.truust().header("webhook-id", webhookId).body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust").then().statusCode(202).extract().path("id");
        Calls.truust().header("webhook-id", webhookId).body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust").then().statusCode(200).body("id", equalTo(first));
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-published", "EscrowPublished", "order.published", "ORDER_PUBLISHED"})
    void everyNameOfATypeMapsToOne(String name) {
        Calls.truust().body(Payloads.published(uniqueOrder())).post("/webhooks/truust/" + name)
                .then().statusCode(202).body("type", equalTo("order.published"));
    }

    @Test
    void theTypeComesFromTheHeaderWhenThePathHasNone() {
        Calls.truust().header("X-Truust-Event", "PayinEPGConfirmed").body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust").then().statusCode(202).body("type", equalTo("payin.confirmed"));
    }

    @Test
    void theTypeComesFromTheBodyWhenNothingNamesIt() {
        String cancelled = Payloads.read("order-cancelled-sample").replace("8810240", uniqueOrder());
        Calls.truust().body(cancelled).post("/webhooks/truust")
                .then().statusCode(202).body("type", equalTo("order.cancelled"));
    }

    @Test
    void anUnknownTypeIsStoredUnderItsNormalisedName() {
        Calls.truust().body(Payloads.published(uniqueOrder())).post("/webhooks/truust/DisputeOpened")
                .then().statusCode(202).body("type", equalTo("dispute.opened"));
        Calls.truust().body("{\"something\": \"" + uniqueOrder() + "\"}").post("/webhooks/truust")
                .then().statusCode(202).body("type", equalTo("unknown"));
    }

    @Test
    void aByteOrderMarkIsAccepted() {
        String order = uniqueOrder();
        byte[] json = Payloads.published(order).getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Calls.truust().body(withBom).post("/webhooks/truust/order-published").then().statusCode(202);
        assertEquals(1, rowsFor(order));
    }

    @Test
    void idsAndAmountsMayBeStringsOrNumbers() {
        String body = "{\"escrow\": {\"id\": 991, \"amount\": \"149.90\", \"status\": \"PUBLISHED\", \"auto_settled\": 1},"
                + " \"payin\": {\"escrow_id\": \"991\", \"save_card\": \"0\"}, \"n\": \"" + uniqueOrder() + "\"}";
        Calls.truust().body(body).post("/webhooks/truust").then().statusCode(202).body("type", equalTo("order.published"));
    }

    @Test
    void theOldAndTheNewSecretBothPass() {
        given().contentType("application/json").header("X-Truust-Secret", Calls.OLD_SECRET)
                .body(Payloads.published(uniqueOrder())).post("/webhooks/truust").then().statusCode(202);
        given().contentType("application/json").header("X-Truust-Secret", Calls.SECRET)
                .body(Payloads.published(uniqueOrder())).post("/webhooks/truust").then().statusCode(202);
    }

    @Test
    void aWrongOrMissingSecretIs401AndStoresNothing() {
        String order = uniqueOrder();
        given().contentType("application/json").header("X-Truust-Secret", "test-secret-newer")
                .body(Payloads.published(order)).post("/webhooks/truust")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", equalTo("the call could not be verified"));
        given().contentType("application/json").body(Payloads.published(order)).post("/webhooks/truust")
                .then().statusCode(401);
        assertEquals(0, rowsFor(order));
    }

    @Test
    void aPathTokenIsACredential() {
        given().contentType("application/json").body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust/t/" + Calls.PATH_TOKEN + "/order-published")
                .then().statusCode(202).body("type", equalTo("order.published"));
        given().contentType("application/json").body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust/t/" + Calls.PATH_TOKEN).then().statusCode(202);
        given().contentType("application/json").body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust/t/wrong-token/order-published").then().statusCode(401);
    }

    @Test
    void aStandardWebhooksSignatureIsACredential() {
        byte[] body = Payloads.published(uniqueOrder()).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();
        String good = StandardWebhooksSignature.sign(Calls.HMAC_SECRET, id, now, body);
        signed(id, now, "v1,bm90IGl0 " + good, body).then().statusCode(202);
    }

    @Test
    void aBadSignatureIs401() {
        byte[] body = Payloads.published(uniqueOrder()).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();
        String otherKey = StandardWebhooksSignature.sign("whsec_c2VjcmV0LW9mLWFub3RoZXI=", id, now, body);
        signed(id, now, otherKey, body).then().statusCode(401);
        String forOtherBody = StandardWebhooksSignature.sign(Calls.HMAC_SECRET, id, now, "{}".getBytes(StandardCharsets.UTF_8));
        signed(id, now, forOtherBody, body).then().statusCode(401);
        given().contentType("application/json").header("webhook-id", id).body(body).post("/webhooks/truust")
                .then().statusCode(401);
    }

    @Test
    void anExpiredOrFutureSignatureIs401() {
        byte[] body = Payloads.published(uniqueOrder()).getBytes(StandardCharsets.UTF_8);
        String id = "msg_" + UUID.randomUUID();
        long old = Instant.now().getEpochSecond() - 301;
        signed(id, old, StandardWebhooksSignature.sign(Calls.HMAC_SECRET, id, old, body), body).then().statusCode(401);
        long future = Instant.now().getEpochSecond() + 301;
        signed(id, future, StandardWebhooksSignature.sign(Calls.HMAC_SECRET, id, future, body), body).then().statusCode(401);
    }

    private static io.restassured.response.Response signed(String id, long timestamp, String signature, byte[] body) {
        return given().contentType("application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .body(body).post("/webhooks/truust/order-published");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"escrow\": ", "[{\"escrow\": {}}]", "", "   ", "\"text\"", "{} {}"})
    void aBodyThatIsNotOneJsonObjectIs400(String body) {
        Calls.truust().body(body).post("/webhooks/truust/order-published")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", org.hamcrest.Matchers.startsWith("the body "));
    }

    @Test
    void anOversizedBodyIs413() {
        String big = "{\"pad\": \"" + "x".repeat(5000) + "\"}";
        Calls.truust().body(big).post("/webhooks/truust").then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", equalTo("the body is larger than 4096 bytes"));
    }

    @Test
    void aBodyThatIsNotJsonTypedIs415() {
        given().contentType("text/plain").header("X-Truust-Secret", Calls.SECRET).body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust").then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("the body must be sent as application/json, not text/plain; charset=ISO-8859-1"));
        given().contentType("application/vnd.truust+json; charset=UTF-8").header("X-Truust-Secret", Calls.SECRET)
                .body(Payloads.published(uniqueOrder())).post("/webhooks/truust").then().statusCode(202);
    }

    @Test
    void anUnverifiedBodyNotTypedAsJsonIs401Not415() {
        byte[] body = Payloads.published(uniqueOrder()).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();
        String forged = StandardWebhooksSignature.sign("whsec_c2VjcmV0LW9mLWFub3RoZXI=", id, now, body);
        given().contentType("text/plain").header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", forged).body(body).post("/webhooks/truust/order-published")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("the call could not be verified"));
        given().contentType("text/plain").header("X-Truust-Secret", "wrong").body(body).post("/webhooks/truust")
                .then().statusCode(401);
        given().contentType("text/plain").body(body).post("/webhooks/truust").then().statusCode(401);
    }

    @Test
    void aVerifiedBodyNotTypedAsJsonIs415() {
        byte[] body = Payloads.published(uniqueOrder()).getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        String id = "msg_" + UUID.randomUUID();
        given().contentType("text/plain").header("webhook-id", id).header("webhook-timestamp", Long.toString(now))
                .header("webhook-signature", StandardWebhooksSignature.sign(Calls.HMAC_SECRET, id, now, body)).body(body)
                .post("/webhooks/truust/order-published").then().statusCode(415);
    }

    @Test
    void theSecretHeaderIsNeverKept() {
        String id = Calls.truust().header("User-Agent", "Truust-Webhooks/1.0").body(Payloads.published(uniqueOrder()))
                .post("/webhooks/truust").then().statusCode(202).extract().path("id");
        Calls.admin().get("/api/events/" + id).then().statusCode(200)
                .body("headers.'user-agent'", equalTo("Truust-Webhooks/1.0"))
                .body("headers.'x-truust-secret'", org.hamcrest.Matchers.nullValue())
                .body("sourceIp", equalTo("127.0.0.1"));
    }
}
