package com.truustrules.rule;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.truustrules.support.Await;
import com.truustrules.support.Calls;
import com.truustrules.support.TempFiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule files edited while the service runs: a valid change takes over, an invalid one never does. */
@QuarkusTest
@TestProfile(HotReloadTest.Folder.class)
class HotReloadTest {

    static final Path DIR = createDir();

    /** A rules folder of this test's own, polled often. */
    public static class Folder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            write("one.yaml", rule("one"));
            return Map.of("truust.rules.dir", DIR.toString(), "truust.rules.poll-interval", "200ms");
        }
    }

    static String rule(String id) {
        return "id: " + id + "\non: [order.published]\nactions:\n  - log: { message: " + id + " }\n";
    }

    static void write(String name, String text) {
        TempFiles.write(DIR, name, text);
    }

    private static Path createDir() {
        return TempFiles.dir("truust-rules-reload");
    }

    private static List<String> loadedIds() {
        return Calls.admin().get("/api/rules").then().statusCode(200).extract().path("rules.id");
    }

    private static int errorCount() {
        return Calls.admin().get("/api/rules").then().extract().path("errors.size()");
    }

    @Test
    void validChangesAreTakenAndInvalidOnesKeepThePreviousSet() throws IOException {
        assertEquals(List.of("one"), loadedIds());

        write("two.yaml", rule("two"));
        Await.until("the new rule to load", () -> loadedIds().size() == 2);

        write("three.yaml", "id: three\non: [order.published]\nwhen: escrow.amount >\nactions:\n  - log: { message: x }\n");
        Await.until("the broken file to be reported", () -> errorCount() == 1);
        Calls.admin().get("/api/rules").then()
                .body("errors[0].file", equalTo("three.yaml"))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].rule", equalTo("three"));
        assertEquals(List.of("one", "two"), loadedIds());
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'rules' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'rules' }.data.state", equalTo("degraded"));

        write("three.yaml", rule("three"));
        Await.until("the fixed rule to load", () -> loadedIds().size() == 3);
        assertEquals(0, errorCount());
        RestAssured.get("/q/health/ready").then().body("checks.find { it.name == 'rules' }.data.state", equalTo("ok"));

        Files.delete(DIR.resolve("two.yaml"));
        Await.until("the removed rule to go", () -> loadedIds().equals(List.of("one", "three")));
    }
}
