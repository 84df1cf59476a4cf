package com.truustrules.event;

import com.truustrules.support.TempFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A rules folder of its own with a poison rule, gift-wrap, whose condition fails for events with a
 * text "gift" (a run-time error, not a load error), beside every-order, which fires for every
 * order.published. Retries are quick and few.
 */
public class PoisonRuleProfile implements QuarkusTestProfile {

    public static final String POISON = """
            id: gift-wrap
            on: [order.published]
            when: escrow.metadata.gift && true
            actions:
              - log: { message: "wrap {escrow.id}" }
            """;
    public static final String FIXED = POISON.replace("escrow.metadata.gift && true",
            "escrow.metadata.gift == true || escrow.metadata.gift == 'yes'");
    public static final int MAX_ATTEMPTS = 3;

    static final Path DIR = createDir();

    @Override
    public Map<String, String> getConfigOverrides() {
        write("gift-wrap.yaml", POISON);
        write("every-order.yaml", """
                id: every-order
                on: [order.published]
                actions:
                  - log: { message: "order {escrow.id}" }
                """);
        return Map.of("truust.rules.dir", DIR.toString(),
                "truust.rules.poll-interval", "1h",
                "truust.processor.max-attempts", String.valueOf(MAX_ATTEMPTS),
                "truust.processor.retry-backoff", "PT0.2S",
                "truust.processor.sweep-interval", "200ms");
    }

    static void write(String name, String text) {
        TempFiles.write(DIR, name, text);
    }

    private static Path createDir() {
        return TempFiles.dir("poison-rules");
    }
}
