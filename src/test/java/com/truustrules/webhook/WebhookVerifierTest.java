package com.truustrules.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up decision: never open to anyone's calls by accident. */
class WebhookVerifierTest {

    @ParameterizedTest(name = "credential={0} allow-list={1} allow-unverified={2} mode={3} -> starts={4}")
    @CsvSource({
        "false, false, false, NORMAL,      false",
        "false, false, true,  NORMAL,      true",
        "true,  false, false, NORMAL,      true",
        "false, true,  false, NORMAL,      true",
        "true,  true,  false, NORMAL,      true",
        "true,  false, true,  NORMAL,      true",
        "false, true,  true,  NORMAL,      true",
        "true,  true,  true,  NORMAL,      true",
        "false, false, false, TEST,        false",
        "false, false, true,  TEST,        true",
        "true,  false, false, TEST,        true",
        "false, false, false, DEVELOPMENT, true",
        "false, false, true,  DEVELOPMENT, true",
        "true,  false, false, DEVELOPMENT, true"})
    void startsOpenOnlyWhenToldSoOrInDevMode(boolean credential, boolean allowList, boolean allowUnverified,
            LaunchMode mode, boolean starts) {
        assertEquals(starts, WebhookVerifier.mayStart(credential, allowList, allowUnverified, mode));
    }

    @Test
    void theRefusalNamesEverySettingThatWouldLetItStart() {
        for (String setting : new String[] {"TRUUST_WEBHOOK_SECRETS", "TRUUST_WEBHOOK_PATH_TOKENS",
            "TRUUST_WEBHOOK_HMAC_SECRETS", "TRUUST_WEBHOOK_ALLOWED_IPS", "TRUUST_WEBHOOK_ALLOW_UNVERIFIED=true"}) {
            assertTrue(WebhookVerifier.OPEN_REFUSAL.contains(setting), setting);
        }
    }
}
