package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import com.truustrules.config.TruustConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Mail settings and action contexts for tests that build SendEmail without the container. */
record TestMail(TruustConfig.Mail.Smtp smtp, String from, boolean dryRun) implements TruustConfig.Mail {

    static final String FROM = "Shop <promo@shop.example>";

    /** SMTP settings as a record: its accessors implement the config interface. */
    record Smtp(Optional<String> host, int port, Optional<String> username, Optional<String> password, String tls,
            Duration timeout) implements TruustConfig.Mail.Smtp {
    }

    static TestMail smtp(int port) {
        return new TestMail(new Smtp(Optional.of("127.0.0.1"), port, Optional.empty(), Optional.empty(), "none",
                Duration.ofSeconds(2)), FROM, false);
    }

    static TestMail outbox() {
        return new TestMail(new Smtp(Optional.empty(), 25, Optional.empty(), Optional.empty(), "none",
                Duration.ofSeconds(2)), FROM, false);
    }

    TestMail login(String username, String password) {
        return new TestMail(new Smtp(smtp.host(), smtp.port(), Optional.of(username), Optional.of(password), smtp.tls(),
                smtp.timeout()), from, dryRun);
    }

    TestMail tls(String mode) {
        return new TestMail(new Smtp(smtp.host(), smtp.port(), smtp.username(), smtp.password(), mode, smtp.timeout()),
                from, dryRun);
    }

    TestMail timeout(Duration timeout) {
        return new TestMail(new Smtp(smtp.host(), smtp.port(), smtp.username(), smtp.password(), smtp.tls(), timeout),
                from, dryRun);
    }

    TestMail dryRunOn() {
        return new TestMail(smtp, from, true);
    }

    /** A rules folder with one template that shows a buyer name, an order name and a code. */
    static Path rulesDir(Path root) {
        try {
            Path templates = Files.createDirectories(root.resolve("rules").resolve("templates"));
            Files.writeString(templates.resolve("thanks.html"), "<p>Hello {escrow.metadata.buyer_name},</p>\n"
                    + "<p>thank you for <strong>{escrow.name}</strong>.\nYour code: <b>{promo.code}</b></p>");
            return root.resolve("rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> facts(String buyer, String name) {
        return Map.of("escrow", Map.of("id", "8810231", "name", "Camera <OM-1> & lens",
                "metadata", Map.of("buyer_email", buyer, "buyer_name", name)), "promo", Map.of("code", "BF26-7"));
    }

    static ActionContext context(String key, Map<String, Object> spec, Map<String, Object> facts) {
        return new ActionContext(UUID.randomUUID(), key, "first-day-buyers", UUID.randomUUID(), 1, spec, facts,
                Instant.parse("2026-11-27T10:00:00Z"));
    }

    static Map<String, Object> spec(String to) {
        return Map.of("to", to, "subject", "Thank you, {escrow.metadata.buyer_name}! Your code: {promo.code}",
                "template", "thanks");
    }
}
