package com.truustrules.action.http;

import com.truustrules.support.ItConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged application with http rules that call a local server: one puts event values into the
 * url and a JSON text body and signs with env: secrets, one calls a path that redirects to another
 * origin, one still has its credentials written in the rule file.
 */
public class OutboundRules extends ItConfig {

    public static final TestServer TARGET = TestServer.start();
    public static final TestServer OTHER = TestServer.start();
    public static final String LITERAL_SECRET = "whsec_bGl0ZXJhbC1zZWNyZXQtaW4tYS1ydWxlLWZpbGU=";
    public static final String LITERAL_KEY = "literal-api-key-5c1d";

    private Path dir;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        dir = Path.of(config.get("truust.rules.dir"));
        write("outbound-url.yaml", rule("outbound-url", "url", TARGET.url("/escrows/{escrow.id}/confirm?name={escrow.name}"),
                "body: '{\"name\": \"{escrow.name}\", \"refund\": \"0\"}'\n"
                        + "secret: env:OUTBOUND_HOOK_SECRET\nheaders: { Authorization: env:OUTBOUND_HOOK_TOKEN }"));
        write("outbound-redirect.yaml", rule("outbound-redirect", "redirect", TARGET.url("/moved/{escrow.id}"),
                "secret: env:OUTBOUND_HOOK_SECRET\nheaders: { Authorization: env:OUTBOUND_HOOK_TOKEN }"));
        write("outbound-literal.yaml", rule("outbound-literal", "literal", TARGET.url("/literal/{escrow.id}"),
                "secret: " + LITERAL_SECRET + "\nheaders: { X-Api-Key: " + LITERAL_KEY + " }"));
        config.put("truust.actions.poll-interval", "200ms");
        return config;
    }

    private static String rule(String id, String flow, String url, String settings) {
        return "id: " + id + "\non: [order.published]\nwhen: escrow.metadata.flow == '" + flow + "'\nactions:\n  - http:\n"
                + "      url: \"" + url + "\"\n" + settings.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        super.stop();
    }
}
