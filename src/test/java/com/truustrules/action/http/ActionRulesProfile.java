package com.truustrules.action.http;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A rules folder of its own whose rules call a real local HTTP server: one takes a code from a pool
 * of two and posts it, one calls the path named by the event's metadata. Retries are quick.
 */
public class ActionRulesProfile implements QuarkusTestProfile {

    public static final TestServer SERVER = TestServer.start();
    public static final String SECRET = "whsec_ZW5kLXRvLWVuZC1zZWNyZXQtb2YtdGhlLWh0dHAtcnVsZQ==";
    public static final Path DIR = createDir();

    @Override
    public Map<String, String> getConfigOverrides() {
        write("pools/TINY.txt", "# two codes only, so that the third buyer finds it empty\nTINY-1\n\nTINY-2\n");
        write("promo-then-notify.yaml", """
                id: promo-then-notify
                on: [order.published]
                when: escrow.metadata.flow == 'promo'
                actions:
                  - promo-code: { pool: TINY }
                  - http:
                      url: "%s/{escrow.id}"
                      body:
                        code: "{promo.code}"
                        order: "{escrow.id}"
                """.formatted(SERVER.url("/promo")));
        write("call-hook.yaml", """
                id: call-hook
                on: [order.published]
                when: escrow.metadata.flow == 'hook'
                actions:
                  - http:
                      url: "%s/{escrow.metadata.hook}/{escrow.id}"
                      headers: { X-Order: "{escrow.id}" }
                      secret: %s
                      timeout: PT2S
                """.formatted(SERVER.url(""), SECRET));
        return Map.of("truust.rules.dir", DIR.toString(),
                "truust.actions.backoff-initial", "PT0.2S",
                "truust.actions.backoff-max", "PT1S",
                "truust.actions.poll-interval", "200ms");
    }

    private static void write(String name, String text) {
        try {
            Path file = DIR.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDir() {
        try {
            return Files.createTempDirectory("truust-action-rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
