package com.truustrules.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Calls;
import com.truustrules.support.Db;
import com.truustrules.support.Payloads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list behind a reverse proxy: the proxy (our loopback peer) is trusted to name the client. */
@QuarkusTest
@TestProfile(IpAllowListBehindProxyTest.BehindProxy.class)
class IpAllowListBehindProxyTest {

    /** Calls reach us through a proxy on the loopback interface. */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.webhook.allowed-ips", "203.0.113.0/24,2001:db8::/32",
                    "truust.webhook.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Inject
    Db db;

    @Test
    void thePeerItselfIsNotInTheList() {
        Calls.truust().body(Payloads.published("61000001")).post("/webhooks/truust/order-published")
                .then().statusCode(401).body("detail", equalTo("the call could not be verified"));
        assertEquals(0, rowsFor("61000001"));
    }

    @Test
    void aClientInTheListIsAcceptedThroughTheTrustedProxyAndRecordedAsTheSource() {
        String id = Calls.truust().header("X-Forwarded-For", "203.0.113.7").body(Payloads.published("61000002"))
                .post("/webhooks/truust/order-published").then().statusCode(202).extract().path("id");
        Calls.admin().get("/api/events/" + id).then().statusCode(200).body("sourceIp", equalTo("203.0.113.7"));
        Calls.truust().header("X-Forwarded-For", "2001:db8::42").body(Payloads.published("61000003"))
                .post("/webhooks/truust/order-published").then().statusCode(202);
    }

    @Test
    void theListDoesNotReplaceTheSecret() {
        given().contentType("application/json").header("X-Truust-Secret", "wrong").header("X-Forwarded-For", "203.0.113.7")
                .body(Payloads.published("61000004")).post("/webhooks/truust/order-published").then().statusCode(401);
        given().contentType("application/json").header("X-Forwarded-For", "203.0.113.7")
                .body(Payloads.published("61000004")).post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, rowsFor("61000004"));
    }

    @Test
    void aClientOutsideTheListIsRefused() {
        Calls.truust().header("X-Forwarded-For", "198.51.100.1").body(Payloads.published("61000005"))
                .post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, rowsFor("61000005"));
    }

    @Test
    void onlyTheHopTheTrustedProxyAddedCounts() {
        // The client wrote "203.0.113.7" itself; the proxy appended the address it really saw.
        Calls.truust().header("X-Forwarded-For", "203.0.113.7, 198.51.100.1").body(Payloads.published("61000006"))
                .post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, rowsFor("61000006"));
        String id = Calls.truust().header("X-Forwarded-For", "198.51.100.1, 203.0.113.9").body(Payloads.published("61000007"))
                .post("/webhooks/truust/order-published").then().statusCode(202).extract().path("id");
        Calls.admin().get("/api/events/" + id).then().body("sourceIp", equalTo("203.0.113.9"));
    }

    @Test
    void everyForwardedForLineCountsNotOnlyTheFirst() {
        // Issue 9, defect 7: the client sent its own line, the proxy appended a second with the real peer.
        Calls.truust().header("X-Forwarded-For", "203.0.113.7").header("X-Forwarded-For", "198.51.100.1")
                .body(Payloads.published("61000010")).post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, rowsFor("61000010"));
        String id = Calls.truust().header("X-Forwarded-For", "198.51.100.1").header("X-Forwarded-For", "203.0.113.9, 127.0.0.1")
                .body(Payloads.published("61000011")).post("/webhooks/truust/order-published")
                .then().statusCode(202).extract().path("id");
        Calls.admin().get("/api/events/" + id).then().body("sourceIp", equalTo("203.0.113.9"));
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedBackToTheClient() {
        String id = Calls.truust().header("X-Forwarded-For", "203.0.113.8, 127.0.0.1").body(Payloads.published("61000008"))
                .post("/webhooks/truust/order-published").then().statusCode(202).extract().path("id");
        Calls.admin().get("/api/events/" + id).then().body("sourceIp", equalTo("203.0.113.8"));
    }

    @Test
    void aForwardedAddressThatIsNotAnAddressIsRefused() {
        Calls.truust().header("X-Forwarded-For", "203.0.113.7:4711").body(Payloads.published("61000009"))
                .post("/webhooks/truust/order-published").then().statusCode(401);
        Calls.truust().header("X-Forwarded-For", "unknown").body(Payloads.published("61000009"))
                .post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, rowsFor("61000009"));
    }

    private long rowsFor(String order) {
        return db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE ?", "%\"" + order + "\"%");
    }
}
