package com.truustrules.rule;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.truustrules.support.TempFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TRUUST_RULES_ALLOW_EMPTY=true: an ingest-only deployment with no rules, declared intended, is ready. */
@QuarkusTest
@TestProfile(RulesAllowEmptyTest.IntendedEmpty.class)
class RulesAllowEmptyTest {

    static final Path DIR = TempFiles.dir("intended-no-rules");

    /** An empty rules folder, declared intended. */
    public static class IntendedEmpty implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.rules.dir", DIR.toString(), "truust.rules.allow-empty", "true");
        }
    }

    @Test
    void anIntendedEmptyRuleSetIsReady() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'rules' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.rules", equalTo(0))
                .body("checks.find { it.name == 'rules' }.data.reason", nullValue());
    }
}
