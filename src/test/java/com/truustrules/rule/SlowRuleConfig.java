package com.truustrules.rule;

import com.truustrules.support.ItConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged application as {@link ItConfig} starts it, with the README's default body limit
 * (256K, room for a 255 KB name) and the two rules of the slow-rule attack.
 */
public class SlowRuleConfig extends ItConfig {

    static final String BLACK_FRIDAY = """
            id: black-friday-name
            on: [order.published]
            when: "matches(lower(escrow.name), '.*black.*friday.*')"
            actions:
              - log: { message: "black friday order {escrow.id}" }
            """;
    static final String DECIMAL_AMOUNT = """
            id: decimal-amount
            on: [order.published]
            when: "contains(escrow.amount, '.')"
            actions:
              - log: { message: "decimal amount {escrow.id}" }
            """;

    private Path rules;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("truust.webhook.max-body", "256K");
        rules = Path.of(config.get("truust.rules.dir"));
        write("black-friday-name.yaml", BLACK_FRIDAY);
        write("decimal-amount.yaml", DECIMAL_AMOUNT);
        return config;
    }

    @Override
    public void stop() {
        write("black-friday-name.yaml", null);
        write("decimal-amount.yaml", null);
        super.stop();
    }

    private void write(String name, String text) {
        try {
            if (text == null) {
                Files.deleteIfExists(rules.resolve(name));
            } else {
                Files.writeString(rules.resolve(name), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
