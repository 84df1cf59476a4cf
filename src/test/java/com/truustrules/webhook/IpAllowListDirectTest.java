package com.truustrules.webhook;

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

/** The allow-list without a trusted proxy: X-Forwarded-For is the caller's word and is ignored. */
@QuarkusTest
@TestProfile(IpAllowListDirectTest.Direct.class)
class IpAllowListDirectTest {

    /** Truust calls us directly; no proxy is configured. */
    public static class Direct implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.webhook.allowed-ips", "203.0.113.0/24");
        }
    }

    @Inject
    Db db;

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        Calls.truust().header("X-Forwarded-For", "203.0.113.7").body(Payloads.published("62000001"))
                .post("/webhooks/truust/order-published").then().statusCode(401);
        Calls.truust().header("X-Forwarded-For", "127.0.0.1, 203.0.113.7").body(Payloads.published("62000001"))
                .post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE ?", "%\"62000001\"%"));
    }

    @Test
    void aPeerOutsideTheListIsRefusedEvenWithTheSecret() {
        Calls.truust().body(Payloads.published("62000002")).post("/webhooks/truust/order-published").then().statusCode(401);
        assertEquals(0, db.count("SELECT COUNT(*) FROM inbound_event WHERE body LIKE ?", "%\"62000002\"%"));
    }
}
