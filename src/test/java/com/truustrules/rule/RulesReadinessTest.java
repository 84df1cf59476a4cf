package com.truustrules.rule;

import static org.hamcrest.Matchers.equalTo;

import com.truustrules.support.TempFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment that lost its rules folder must not say it is ready: it would store every event and act on none. */
@QuarkusTest
@TestProfile(RulesReadinessTest.EmptyFolder.class)
class RulesReadinessTest {

    static final Path DIR = TempFiles.dir("no-rules");

    /** An empty rules folder, with no word that this is intended. */
    public static class EmptyFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("truust.rules.dir", DIR.toString());
        }
    }

    @Test
    void noRulesIsNotReadyAndSaysWhyAndWhatToSet() {
        RestAssured.get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'rules' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rules' }.data.rules", equalTo(0))
                .body("checks.find { it.name == 'rules' }.data.reason", equalTo("no rule is active: the folder has no rule "
                        + "file; point TRUUST_RULES_DIR at the rules folder, or set TRUUST_RULES_ALLOW_EMPTY=true if running "
                        + "without rules is intended"))
                .body("checks.find { it.name == 'rules' }.data.dir", equalTo(DIR.toAbsolutePath().toString()));
    }

    @Test
    void livenessIsUnaffected() {
        RestAssured.get("/q/health/live").then().statusCode(200);
    }
}
