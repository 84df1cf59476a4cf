package com.truustrules.cli;

import com.truustrules.common.EventFacts;
import com.truustrules.common.EventTypes;
import com.truustrules.common.ProblemException;
import com.truustrules.rule.Evaluation;
import com.truustrules.rule.LoadResult;
import com.truustrules.rule.RuleEngine;
import com.truustrules.rule.RuleLoader;
import com.truustrules.truust.GivenFacts;
import com.truustrules.webhook.WebhookBody;
import io.quarkus.runtime.annotations.RegisterResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules commands for a merchant's CI: {@code validate [dir]} checks every file as the service
 * would; {@code test dir type payload.json [--at time]} shows which rules match an event and why;
 * {@code --help} and {@code --version}. No database: once-per and limit, which depend on past
 * firings, are not checked here. Exit codes: 0 fine, 1 a file is invalid or a rule errored, 2 usage.
 */
@RegisterResources(globs = "com/truustrules/cli/version.txt")
public final class RulesCli {

    public static final Set<String> COMMANDS = Set.of("validate", "test", "help", "--help", "-h", "--version");

    static final String VALIDATE_USAGE = "usage: validate [rules-dir]    (rules-dir defaults to rules)";
    static final String TEST_USAGE = "usage: test <rules-dir> <event-type> <payload.json> [--at <instant, e.g. 2026-11-27T10:00:00Z>]"
            + " [--order <order.json>] [--buyer <customer.json>] [--seller <customer.json>]";
    /** Options of test that take a value; the last three are Truust's facts, as its API returns them. */
    private static final List<String> TEST_OPTIONS = List.of("--at", "--order", "--buyer", "--seller");

    private static final String HELP = """
            truust-rules %s: Truust webhooks in, rules evaluated, actions out.

            usage: java -jar quarkus-run.jar
                     start the service (settings: TRUUST_* environment variables, see README.md)
                   java -jar quarkus-run.jar validate [rules-dir]
                     check every rule file as the service would (rules-dir defaults to rules)
                   java -jar quarkus-run.jar test <rules-dir> <event-type> <payload.json> [--at <instant>]
                                              [--order <order.json>] [--buyer <customer.json>] [--seller <customer.json>]
                     show which rules match an event and why; --at is the event's time,
                     e.g. 2026-11-27T10:00:00Z (default: now); --order, --buyer, --seller give
                     the facts order, buyer and seller as Truust's API would (default: null;
                     a buyer or seller the order embeds is taken from it)
                   java -jar quarkus-run.jar health [url]
                     ask a running service's liveness probe (default: /q/health/live on
                     127.0.0.1 and QUARKUS_HTTP_PORT, 8080)
                   java -jar quarkus-run.jar --help | --version

            exit codes: 0 fine; 1 a file is invalid, a rule errored or the service is not live;
                        2 bad usage
            """;

    private final PrintStream out;
    private final PrintStream err;

    public RulesCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** True when the arguments are this class's to answer: a command, or an option the service would only ignore. */
    public static boolean handles(String... args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || args[0].startsWith("-"));
    }

    /** Runs a command; returns the process exit code (0 fine, 1 invalid file or rule error, 2 usage). */
    public int run(String... args) {
        try {
            return switch (args[0]) {
                case "validate" -> asksForHelp(args) ? commandHelp(VALIDATE_USAGE) : validate(args);
                case "test" -> asksForHelp(args) ? commandHelp(TEST_USAGE) : test(args);
                case "help", "--help", "-h" -> help();
                case "--version" -> printVersion();
                default -> throw new UsageError(null, "unknown option '" + args[0] + "'");
            };
        } catch (UsageError e) {
            err.println((e.command == null ? "" : e.command + ": ") + e.getMessage());
            err.println(e.command == null ? "usage: java -jar quarkus-run.jar [validate | test | health | --help | --version]"
                    : e.command.equals("test") ? TEST_USAGE : VALIDATE_USAGE);
            return 2;
        }
    }

    private int validate(String[] args) {
        List<String> positional = positional("validate", args, List.of());
        if (positional.size() > 1) {
            throw new UsageError("validate", "one rules folder at most, got " + positional.size() + " arguments");
        }
        Path dir = Path.of(positional.isEmpty() ? "rules" : positional.get(0));
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

    private int test(String[] args) {
        List<String> positional = positional("test", args, TEST_OPTIONS);
        if (positional.size() != 3) {
            throw new UsageError("test", "a rules folder, an event type and a payload file are needed, got "
                    + positional.size() + " argument(s)");
        }
        Instant at = at(args);
        byte[] payload = read(Path.of(positional.get(2)), "payload");
        Map<String, Object> truustFacts = truustFacts(args);
        LoadResult result = new RuleLoader(Path.of(positional.get(0)), Clock.systemUTC()).load();
        if (!result.valid()) {
            result.errors().forEach(e -> err.println(e));
            return 1;
        }
        WebhookBody body;
        try {
            body = WebhookBody.parse(payload);
        } catch (ProblemException e) {
            err.println(positional.get(2) + ": " + e.getMessage());
            return 1;
        }
        return evaluate(result, EventTypes.normalize(positional.get(1)), body, at, truustFacts);
    }

    /** The order, buyer and seller given with --order, --buyer, --seller; a customer not given is taken from the order when it embeds one. */
    private static Map<String, Object> truustFacts(String[] args) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String option : TEST_OPTIONS.subList(1, TEST_OPTIONS.size())) {
            String file = value(args, option);
            if (file != null) {
                try {
                    facts.put(option.substring(2), GivenFacts.parse(option + " " + file,
                            new String(read(Path.of(file), option.substring(2)), StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("test", e.getMessage());
                }
            }
        }
        for (String role : List.of("buyer", "seller")) {
            if (!facts.containsKey(role) && facts.get("order") instanceof Map<?, ?>) {
                @SuppressWarnings("unchecked")
                Map<String, Object> order = (Map<String, Object>) facts.get("order");
                facts.put(role, GivenFacts.embeddedCustomer(order, role));
            }
        }
        return facts;
    }

    /** Prints every rule's outcome; a rule that could not be evaluated fails the run, as it would fail in production. */
    private int evaluate(LoadResult result, String type, WebhookBody body, Instant at, Map<String, Object> truustFacts) {
        var facts = EventFacts.of("cli-test", type, at, body.text(), result.ruleSet().offerFacts(), at);
        facts.putAll(truustFacts);
        List<Evaluation> evaluations = RuleEngine.evaluate(result.ruleSet(), type, facts);
        out.println(type + " at " + at + ": " + evaluations.size() + " rule(s) apply" + (truustFacts.isEmpty() ? ""
                : "; Truust's facts given: " + String.join(", ", truustFacts.entrySet().stream()
                        .filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList())));
        for (Evaluation e : evaluations) {
            out.println("  " + e.rule() + ": " + e.outcome() + " (" + e.reason() + (e.error() == null ? "" : ": " + e.error())
                    + ")" + (e.read().isEmpty() ? "" : " read " + e.read()) + (e.oncePer() == null ? "" : " once-per " + e.oncePer()));
        }
        long errors = evaluations.stream().filter(e -> e.outcome() == Evaluation.Outcome.ERROR).count();
        if (errors > 0) {
            err.println(errors + " rule(s) could not be evaluated");
            return 1;
        }
        return 0;
    }

    /** The arguments after the command, without {@code options} and their values; any other option is a usage error. */
    private static List<String> positional(String command, String[] args, List<String> options) {
        List<String> positional = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (options.contains(args[i])) {
                if (++i == args.length) {
                    throw new UsageError(command, args[i - 1] + " needs a value");
                }
            } else if (args[i].startsWith("-")) {
                throw new UsageError(command, "unknown option '" + args[i] + "'");
            } else {
                positional.add(args[i]);
            }
        }
        return positional;
    }

    private static Instant at(String[] args) {
        String at = value(args, "--at");
        try {
            return at == null ? Instant.now() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new UsageError("test", "--at wants an instant in UTC like 2026-11-27T10:00:00Z, not '" + at + "'");
        }
    }

    /** The value after {@code option}; null when it is not given. */
    private static String value(String[] args, String option) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(option)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static byte[] read(Path payload, String what) {
        try {
            return Files.readAllBytes(payload);
        } catch (IOException e) {
            throw new UsageError("test", "cannot read the " + what + " file " + payload + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean asksForHelp(String[] args) {
        return args.length == 2 && (args[1].equals("--help") || args[1].equals("-h"));
    }

    private int commandHelp(String usage) {
        out.println(usage);
        return 0;
    }

    private int help() {
        out.print(HELP.formatted(version()));
        return 0;
    }

    private int printVersion() {
        out.println("truust-rules " + version());
        return 0;
    }

    /** The project's version, filtered by Maven into a resource so it reads the same in tests, the jar and native. */
    static String version() {
        try (InputStream in = RulesCli.class.getResourceAsStream("version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A call the command cannot make sense of: its message and the command's usage go to stderr, exit 2. */
    private static final class UsageError extends RuntimeException {

        private final String command;

        UsageError(String command, String message) {
            super(message, null, false, false);
            this.command = command;
        }
    }
}
