package com.truustrules.rule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.truustrules.action.ActionKind;
import com.truustrules.action.Templates;
import com.truustrules.action.http.HttpSecrets;
import com.truustrules.action.http.UrlTemplate;
import com.truustrules.common.MailRecipients;
import com.truustrules.rule.YamlNodes.Place;
import com.truustrules.rule.YamlNodes.YamlException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Checks an action's settings at load time, so that a typo fails the reload, not the 3 a.m. firing. */
class ActionChecker {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final Path dir;
    private final String file;
    private final List<RuleError> warnings;
    private final Function<String, String> environment;
    private String rule;

    /**
     * @param dir the rules folder, where pools/ and templates/ are looked up
     * @param file the rule file checked, for warnings
     * @param warnings where findings that do not stop the load go
     */
    ActionChecker(Path dir, String file, List<RuleError> warnings) {
        this(dir, file, warnings, System::getenv);
    }

    ActionChecker(Path dir, String file, List<RuleError> warnings, Function<String, String> environment) {
        this.dir = dir;
        this.file = file;
        this.warnings = warnings;
        this.environment = environment;
    }

    /** The id of the rule whose actions are checked next, for warnings. */
    void rule(String id) {
        this.rule = id;
    }

    /**
     * Adds every problem of one action's settings to {@code problems}, each placed at the setting it is
     * about, so that a misspelt key does not hide a bad placeholder or a missing template.
     *
     * @param nodes the settings as written, for their places
     * @param at where the settings start
     */
    void check(ActionKind kind, Map<String, Object> params, Map<String, NodeTuple> nodes, Place at, List<YamlException> problems) {
        boolean complete = true;
        for (String key : params.keySet()) {
            if (!kind.accepts(key)) {
                problems.add(new YamlException(nodes.get(key).getKeyNode(), "'" + kind.key() + "' does not take '" + key + "' (it takes: "
                        + kind.params() + ")"));
            }
        }
        for (String key : kind.required()) {
            if (params.get(key) == null || params.get(key).toString().isBlank()) {
                problems.add(new YamlException(at, "'" + kind.key() + "' needs '" + key + "'"));
                complete = false;
            }
        }
        for (Map.Entry<String, Object> param : params.entrySet()) {
            checkInlineTemplates(kind, param, Place.of(nodes.get(param.getKey()).getValueNode()), problems);
        }
        if (complete) {
            try {
                checkKind(kind, params, at.line());
            } catch (YamlException e) {
                problems.add(e.line == at.line() && e.column == 0 ? new YamlException(at, e.getMessage()) : e);
            }
        }
    }

    private void checkKind(ActionKind kind, Map<String, Object> params, int line) throws YamlException {
        switch (kind) {
            case PROMO_CODE -> checkPool(params.get("pool").toString(), line);
            case EMAIL -> {
                checkTemplate(params.get("template").toString(), line);
                checkRecipients(kind, params, line);
            }
            case REPORT -> checkRecipients(kind, params, line);
            case HTTP -> checkHttp(params, line);
            case SMS -> NotifyChecks.sms(params, line).ifPresent(w -> warnings.add(new RuleError(file, line, rule, w)));
            case CHAT -> NotifyChecks.chat(params, line);
            default -> {
            }
        }
    }

    void checkSchedule(String cron, int line) throws YamlException {
        try {
            CRON.parse(cron).validate();
        } catch (IllegalArgumentException e) {
            throw new YamlException(line, "'schedule' is not a valid cron expression (seconds minutes hours "
                    + "day-of-month month day-of-week, e.g. \"0 0 8 * * ?\"): " + e.getMessage());
        }
    }

    Path poolFile(String pool) {
        return dir.resolve("pools").resolve(pool + ".txt");
    }

    Path templateFile(String template) {
        return dir.resolve("templates").resolve(template + ".html");
    }

    /** Every text setting may hold {placeholders}; each is checked as the template it is. */
    private static void checkInlineTemplates(ActionKind kind, Map.Entry<String, Object> param, Place at,
            List<YamlException> problems) {
        List<Object> values = new ArrayList<>();
        texts(param.getValue(), values);
        for (Object value : values) {
            for (Templates.Problem problem : Templates.check(String.valueOf(value))) {
                problems.add(new YamlException(at, "'" + kind.key() + "' " + param.getKey() + ": " + problem.message()));
            }
        }
    }

    /** The texts in a setting, at any depth of mappings and lists (chat blocks, http bodies). */
    private static void texts(Object value, List<Object> out) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> texts(item, out));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> texts(item, out));
        } else {
            out.add(String.valueOf(value));
        }
    }

    private void checkPool(String pool, int line) throws YamlException {
        if (!pool.matches("[A-Za-z0-9_-]+")) {
            throw new YamlException(line, "a pool name is letters, digits, '-' and '_', not '" + pool + "'");
        }
        String tooLong = ColumnLimits.tooLong("a pool name", pool, ColumnLimits.POOL);
        if (tooLong != null) {
            throw new YamlException(line, tooLong);
        }
        if (!Files.isRegularFile(poolFile(pool))) {
            throw new YamlException(line, "promo-code pool '" + pool + "' has no file " + dir.relativize(poolFile(pool)));
        }
    }

    private void checkTemplate(String template, int line) throws YamlException {
        if (!template.matches("[A-Za-z0-9_-]+")) {
            throw new YamlException(line, "a template name is letters, digits, '-' and '_', not '" + template + "'");
        }
        Path file = templateFile(template);
        if (!Files.isRegularFile(file)) {
            throw new YamlException(line, "e-mail template '" + template + "' has no file " + dir.relativize(file));
        }
        try {
            List<Templates.Problem> problems = Templates.check(Files.readString(file));
            if (!problems.isEmpty()) {
                throw new YamlException(line, String.join("; ", problems.stream()
                        .map(p -> dir.relativize(file) + " line " + p.line() + ": " + p.message()).toList()));
            }
        } catch (IOException e) {
            throw new YamlException(line, "cannot read " + dir.relativize(file) + ": " + e.getMessage());
        }
    }

    /** Each entry of to, cc, bcc and reply-to is a plain address or one placeholder alone (see MailRecipients). */
    private static void checkRecipients(ActionKind kind, Map<String, Object> params, int line) throws YamlException {
        for (String setting : List.of("to", "cc", "bcc", "reply-to")) {
            if (params.get(setting) != null) {
                try {
                    MailRecipients.parse(params.get(setting).toString());
                } catch (AddressException e) {
                    throw new YamlException(line, "'" + kind.key() + "' " + setting + ": " + e.getMessage());
                }
            }
        }
    }

    private void checkHttp(Map<String, Object> params, int line) throws YamlException {
        try {
            UrlTemplate.parse(params.get("url").toString());
        } catch (IllegalArgumentException e) {
            throw new YamlException(line, "'http' " + e.getMessage());
        }
        Object method = params.getOrDefault("method", "POST");
        if (!METHODS.contains(method.toString().toUpperCase())) {
            throw new YamlException(line, "'http' method must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        if (params.containsKey("headers") && !(params.get("headers") instanceof Map)) {
            throw new YamlException(line, "'http' headers must be a mapping of names to values");
        }
        if (params.containsKey("secret")) {
            checkSecret("secret", params.get("secret"), true, line);
        }
        if (params.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> header : headers.entrySet()) {
                String name = String.valueOf(header.getKey());
                checkSecret("header " + name, header.getValue(), HttpSecrets.sensitiveHeader(name), line);
            }
        }
    }

    /** An env: reference must be usable now; a literal credential works but is worth a warning. */
    private void checkSecret(String setting, Object value, boolean credential, int line) throws YamlException {
        Optional<String> name = HttpSecrets.reference(value);
        if (name.isPresent()) {
            Optional<String> problem = HttpSecrets.problem(name.get(), environment);
            if (problem.isPresent()) {
                throw new YamlException(line, "'http' " + setting + ": " + problem.get());
            }
        } else if (credential) {
            warnings.add(new RuleError(file, line, rule, "'http' " + setting + " is written in the rule file; refer to it as "
                    + HttpSecrets.PREFIX + "NAME and set the environment variable NAME instead"));
        }
    }
}
