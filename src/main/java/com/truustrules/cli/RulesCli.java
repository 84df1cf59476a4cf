package com.truustrules.cli;

import com.truustrules.rule.EventFacts;
import com.truustrules.rule.Evaluation;
import com.truustrules.rule.LoadResult;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleLoader;
import com.truustrules.webhook.EventTypes;
import com.truustrules.webhook.WebhookBody;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * The rules commands for a merchant's CI: {@code validate [dir]} checks every file as the service
 * would; {@code test dir type payload.json [--at time]} shows which rules match an event and why.
 * No database: once-per and limit, which depend on past firings, are not checked here.
 */
public final class RulesCli {

    public static final Set<String> COMMANDS = Set.of("validate", "test", "help");

    private final PrintStream out;
    private final PrintStream err;

    public RulesCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs a command; returns the process exit code (0 fine, 1 rule errors, 2 usage). */
    public int run(String... args) {
        try {
            return switch (args[0]) {
                case "validate" -> validate(Path.of(args.length > 1 ? args[1] : "rules"));
                case "test" -> args.length >= 4 ? test(Path.of(args[1]), args[2], Path.of(args[3]), at(args)) : usage();
                default -> usage();
            };
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private int validate(Path dir) {
        LoadResult result = new RuleLoader(dir, Clock.systemUTC()).load();
        result.warnings().forEach(w -> err.println("warning: " + w));
        if (!result.valid()) {
            result.errors().forEach(e -> err.println(e));
            err.println(result.errors().size() + " error(s) in " + dir);
            return 1;
        }
        out.println("OK: " + result.ruleSet().rules().size() + " rule(s) in " + dir + " are valid");
        return 0;
    }

    private int test(Path dir, String typeName, Path payload, Instant at) throws IOException {
        LoadResult result = new RuleLoader(dir, Clock.systemUTC()).load();
        if (!result.valid()) {
            result.errors().forEach(e -> err.println(e));
            return 1;
        }
        WebhookBody body = WebhookBody.parse(Files.readAllBytes(payload));
        String type = EventTypes.normalize(typeName);
        var facts = EventFacts.of("cli-test", type, at, body.text(), result.ruleSet(), at);
        List<Evaluation> evaluations = RuleEngine.evaluate(result.ruleSet(), type, facts);
        out.println(type + " at " + at + ": " + evaluations.size() + " rule(s) apply");
        for (Evaluation e : evaluations) {
            out.println("  " + e.rule() + ": " + e.outcome() + " (" + e.reason() + (e.error() == null ? "" : ": " + e.error())
                    + ")" + (e.read().isEmpty() ? "" : " read " + e.read()) + (e.oncePer() == null ? "" : " once-per " + e.oncePer()));
        }
        return 0;
    }

    private static Instant at(String[] args) {
        for (int i = 4; i < args.length - 1; i++) {
            if (args[i].equals("--at")) {
                return Instant.parse(args[i + 1]);
            }
        }
        return Instant.now();
    }

    private int usage() {
        err.println("usage: validate [rules-dir]");
        err.println("       test <rules-dir> <event-type> <payload.json> [--at 2026-11-27T10:00:00Z]");
        return 2;
    }
}
