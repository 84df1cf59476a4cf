package com.truustrules.rule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Setting;
import com.truustrules.action.Templates;
import com.truustrules.rule.YamlNodes.Place;
import com.truustrules.rule.YamlNodes.YamlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Checks an action's settings at load time, so that a typo fails the reload, not the 3 a.m. firing:
 * what every kind shares here, the rest by the kind's {@link ActionType} (in its own package).
 */
class ActionChecker {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

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
     * about, so that a misspelt key does not hide a bad placeholder or a missing template. What is
     * common to every kind is checked here (keys, required settings, value types, placeholders);
     * the rest by the kind's own {@link ActionType}.
     *
     * @param nodes the settings as written, for their places
     * @param at where the settings start
     */
    void check(ActionKind kind, Map<String, Object> params, Map<String, NodeTuple> nodes, Place at, List<YamlException> problems) {
        boolean complete = true;
        for (String key : params.keySet()) {
            Optional<Setting> setting = kind.setting(key);
            if (setting.isEmpty()) {
                problems.add(new YamlException(nodes.get(key).getKeyNode(), "'" + kind.key() + "' does not take '" + key + "' (it takes: "
                        + kind.params() + ")"));
            } else if (!setting.get().type().holds(params.get(key))) {
                problems.add(new YamlException(nodes.get(key).getValueNode(), "'" + kind.key() + "' " + key + " must be "
                        + setting.get().takes()));
                complete = false;
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
            int line = at.line();
            try {
                kind.type().check(params, new LoadCheck(dir, environment, w -> warnings.add(new RuleError(file, line, rule, w))));
            } catch (InvalidSetting e) {
                problems.add(new YamlException(at, e.getMessage()));
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
}
