package com.truustrules.rule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.truustrules.action.Templates;
import com.truustrules.rule.YamlNodes.YamlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks an action's settings at load time, so that a typo fails the reload, not the 3 a.m. firing. */
class ActionChecker {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final Path dir;
    private final List<NotifyChecks.Warning> warnings;

    /**
     * @param dir the rules folder, where pools/ and templates/ are looked up
     * @param warnings receives what is allowed but likely a mistake (an SMS text longer than one SMS)
     */
    ActionChecker(Path dir, List<NotifyChecks.Warning> warnings) {
        this.dir = dir;
        this.warnings = warnings;
    }

    void check(ActionKind kind, Map<String, Object> params, int line) throws YamlException {
        for (String key : params.keySet()) {
            if (!kind.accepts(key)) {
                throw new YamlException(line, "'" + kind.key() + "' does not take '" + key + "'");
            }
        }
        for (String key : kind.required()) {
            if (params.get(key) == null || params.get(key).toString().isBlank()) {
                throw new YamlException(line, "'" + kind.key() + "' needs '" + key + "'");
            }
        }
        checkInlineTemplates(kind, params, line);
        switch (kind) {
            case PROMO_CODE -> checkPool(params.get("pool").toString(), line);
            case EMAIL -> checkTemplate(params.get("template").toString(), line);
            case HTTP -> checkHttp(params, line);
            case SMS -> NotifyChecks.sms(params, line, warnings);
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
    private static void checkInlineTemplates(ActionKind kind, Map<String, Object> params, int line) throws YamlException {
        for (Map.Entry<String, Object> param : params.entrySet()) {
            List<Object> values = new ArrayList<>();
            texts(param.getValue(), values);
            for (Object value : values) {
                List<Templates.Problem> problems = Templates.check(String.valueOf(value));
                if (!problems.isEmpty()) {
                    throw new YamlException(line, "'" + kind.key() + "' " + param.getKey() + ": " + problems.get(0).message());
                }
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
                throw new YamlException(line, dir.relativize(file) + " line " + problems.get(0).line() + ": "
                        + problems.get(0).message());
            }
        } catch (IOException e) {
            throw new YamlException(line, "cannot read " + dir.relativize(file) + ": " + e.getMessage());
        }
    }

    private void checkHttp(Map<String, Object> params, int line) throws YamlException {
        String url = params.get("url").toString();
        // Placeholders such as {escrow.id} may stand in the URL, so only the scheme is checked here.
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new YamlException(line, "'http' url must start with http:// or https://, not '" + url + "'");
        }
        Object method = params.getOrDefault("method", "POST");
        if (!METHODS.contains(method.toString().toUpperCase())) {
            throw new YamlException(line, "'http' method must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        if (params.containsKey("headers") && !(params.get("headers") instanceof Map)) {
            throw new YamlException(line, "'http' headers must be a mapping of names to values");
        }
    }
}
