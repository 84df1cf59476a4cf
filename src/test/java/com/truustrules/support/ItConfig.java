package com.truustrules.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for the packaged application under test, which runs in the prod profile: the database
 * failsafe names (it.db.url, see pom.xml), the test credentials of {@link Calls}, no rules.
 * docker/test.sh gives a container the same settings (IT_ENV) when the ITs run against it.
 */
public class ItConfig implements QuarkusTestResourceLifecycleManager {

    private Path rulesDir;

    @Override
    public Map<String, String> start() {
        rulesDir = emptyRulesDir();
        Map<String, String> config = new HashMap<>(credentials(rulesDir));
        config.put("quarkus.datasource.jdbc.url", dbUrl());
        config.put("quarkus.datasource.username", System.getProperty("it.db.username", "sa"));
        config.put("quarkus.flyway.clean-at-start", "true");
        config.put("quarkus.flyway.clean-disabled", "false");
        config.put("truust.data-dir", "target/it-data");
        config.put("quarkus.http.host", "127.0.0.1");
        return config;
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(rulesDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test credentials, a small body limit (4K, as in the test profile) and a rules folder, which
     * may be empty: these tests are about ingestion, so no rule is intended (else readiness is DOWN).
     */
    public static Map<String, String> credentials(Path rulesDir) {
        return Map.of("truust.webhook.secrets", Calls.OLD_SECRET + "," + Calls.SECRET,
                "truust.webhook.max-body", "4K",
                "truust.admin.token", Calls.ADMIN_TOKEN,
                "truust.rules.dir", rulesDir.toString(),
                "truust.rules.allow-empty", "true");
    }

    /**
     * Storage for an application process of its own: an embedded database in dataDir (two processes
     * cannot share one H2 file), or the PostgreSQL database of the build, emptied first when asked.
     */
    public static Map<String, String> storage(Path dataDir, boolean clean) {
        // Absolute: H2 refuses a database path that is implicitly relative to the working directory.
        Map<String, String> config = new HashMap<>(Map.of("truust.data-dir", dataDir.toAbsolutePath().toString()));
        if (dbUrl().startsWith("jdbc:postgresql:")) {
            config.put("quarkus.datasource.jdbc.url", dbUrl());
            config.put("quarkus.datasource.username", System.getProperty("it.db.username"));
            config.put("quarkus.flyway.clean-at-start", Boolean.toString(clean));
            config.put("quarkus.flyway.clean-disabled", Boolean.toString(!clean));
        }
        return config;
    }

    public static Path emptyRulesDir() {
        try {
            return Files.createTempDirectory("truust-it-rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dbUrl() {
        String url = System.getProperty("it.db.url");
        if (url == null) {
            throw new IllegalStateException("it.db.url is not set: run integration tests with ./mvnw verify (failsafe sets it)");
        }
        return url;
    }
}
