package com.truustrules.truust;

import com.truustrules.truust.fake.FakeTruust;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The Truust API pointed at a fake on a local port, with short timeouts and waits so that outages,
 * retries and the circuit breaker play out within a test.
 */
public class TruustApiProfile implements QuarkusTestProfile {

    public static final FakeTruustServer SERVER = FakeTruustServer.start();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(Map.entry("truust.api.url", SERVER.url()),
                Map.entry("truust.api.key", FakeTruust.KEY),
                // 1 s was too short on a loaded CI machine: a slow 404 timed out, was sent again, and was read 3 times
                Map.entry("truust.api.timeout", "PT3S"),
                Map.entry("truust.api.max-retries", "2"),
                Map.entry("truust.api.retry-delay", "PT0.1S"),
                Map.entry("truust.api.max-retry-delay", "PT3S"),
                Map.entry("truust.api.circuit-window", "6"),
                Map.entry("truust.api.circuit-delay", "PT1S"),
                Map.entry("truust.api.pending-retry", "PT1S"),
                Map.entry("truust.api.rate-limit", "200"));
    }
}
