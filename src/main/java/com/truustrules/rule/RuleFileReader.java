package com.truustrules.rule;

import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionSpec;
import com.truustrules.common.EventFacts;
import com.truustrules.common.EventTypes;
import com.truustrules.common.Hashing;
import com.truustrules.rule.YamlNodes.YamlException;
import com.truustrules.rule.expr.Budget;
import com.truustrules.rule.expr.Expression;
import com.truustrules.rule.expr.ExpressionException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the rules of one file: one rule, or a list under {@code rules:}. Errors name file, line and rule. */
final class RuleFileReader {

    static final Set<String> KEYS = Set.of("id", "description", "enabled", "on", "schedule", "when", "priority",
            "once-per", "limit", "actions");

    private final String file;
    private final String text;
    private final ActionChecker actions;
    private final Budget budget;
    private final List<RuleError> errors;

    RuleFileReader(String file, String text, ActionChecker actions, Budget budget, List<RuleError> errors) {
        this.file = file;
        this.text = text;
        this.actions = actions;
        this.budget = budget;
        this.errors = errors;
    }

    List<Rule> read() {
        Node root;
        try {
            root = YamlNodes.parse(text);
        } catch (YamlException e) {
            errors.add(e.toError(file, null));
            return List.of();
        }
        if (root == null) {
            errors.add(new RuleError(file, 1, null, "the file has no rule"));
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (Node node : ruleNodes(root)) {
            List<YamlException> problems = new ArrayList<>();
            try {
                actions.rule(idOf(node));
                Rule rule = rule(node, problems);
                if (problems.isEmpty()) {
                    rules.add(rule);
                }
            } catch (YamlException e) {
                problems.add(e);
            } catch (RuntimeException | StackOverflowError e) {
                // A bug of ours or of a library must not take the reload down: report it as the rule's error.
                // Qute parses templates recursively, so thousands of nested {#if} overflow the stack.
                errors.add(new RuleError(file, YamlNodes.line(node), idOf(node), "could not be read: "
                        + (e instanceof StackOverflowError ? "something in it nests too deeply" : e.toString())));
            }
            problems.stream().sorted(Comparator.comparingInt((YamlException p) -> p.line).thenComparingInt(p -> p.column))
                    .forEach(p -> errors.add(p.toError(file, idOf(node))));
        }
        return rules;
    }

    /** A file holds one rule, or a list under 'rules:'; duplicate keys are left for the rule to report. */
    private List<Node> ruleNodes(Node root) {
        if (root instanceof MappingNode mapping && mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key && key.getValue().equals("rules")) {
            Node list = mapping.getValue().get(0).getValueNode();
            if (list instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            errors.add(new RuleError(file, YamlNodes.line(list), null, "'rules' must be a list of rules"));
            return List.of();
        }
        return List.of(root);
    }

    /** One step of reading a rule; its problem is recorded and the next step still runs. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws YamlException;
    }

    private static <T> T attempt(List<YamlException> problems, Step<T> step) {
        try {
            return step.run();
        } catch (YamlException e) {
            problems.add(e);
            return null;
        }
    }

    /**
     * Reads every key of a rule, each on its own, so one mistake does not hide the next: all problems go
     * to {@code problems}, and the rule returned is only whole when there are none.
     */
    private Rule rule(Node node, List<YamlException> problems) throws YamlException {
        Map<String, NodeTuple> entries = YamlNodes.entries(node, "a rule");
        for (NodeTuple entry : entries.values()) {
            String key = YamlNodes.scalar(entry.getKeyNode(), "a key");
            if (!KEYS.contains(key)) {
                problems.add(new YamlException(entry.getKeyNode(),
                        "unknown key '" + key + "' (a rule takes: " + String.join(", ", sorted(KEYS)) + ")"));
            }
        }
        String id = attempt(problems, () -> id(entries, node));
        int before = problems.size();
        Set<String> on = on(entries, problems);
        String schedule = attempt(problems, () -> optionalText(entries, "schedule"));
        if (problems.size() == before && on.isEmpty() == (schedule == null)) {
            problems.add(new YamlException(node, "a rule needs either 'on' (event types) or 'schedule' (cron), not "
                    + (schedule == null ? "neither" : "both")));
        }
        if (schedule != null) {
            attempt(problems, () -> {
                actions.checkSchedule(schedule, YamlNodes.line(value(entries, "schedule")));
                return null;
            });
        }
        Expression when = attempt(problems, () -> condition(entries));
        Boolean enabled = attempt(problems, () -> entries.containsKey("enabled") ? YamlNodes.bool(value(entries, "enabled"), "enabled") : true);
        Integer priority = attempt(problems, () -> entries.containsKey("priority") ? YamlNodes.integer(value(entries, "priority"), "priority") : 0);
        Expression oncePer = attempt(problems, () -> expression(entries, "once-per"));
        Integer limit = attempt(problems, () -> limit(entries));
        String description = attempt(problems, () -> optionalText(entries, "description"));
        List<ActionSpec> specs = actions(entries, node, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return Rule.builder().id(id).version(version(node)).at(file, YamlNodes.line(node)).description(description)
                .enabled(enabled).on(on).schedule(schedule).when(when).priority(priority)
                .oncePer(oncePer).limit(limit).actions(specs).build();
    }

    private Expression condition(Map<String, NodeTuple> entries) throws YamlException {
        Expression when = expression(entries, "when");
        if (when != null && !when.isBoolean()) {
            throw new YamlException(value(entries, "when"),
                    "'when' must be a condition that is true or false, such as escrow.amount >= 1000; '"
                            + when.source() + "' is not");
        }
        return when;
    }

    private String id(Map<String, NodeTuple> entries, Node rule) throws YamlException {
        if (!entries.containsKey("id")) {
            throw new YamlException(rule, "a rule needs an 'id'");
        }
        String id = YamlNodes.text(value(entries, "id"), "id");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new YamlException(value(entries, "id"),
                    "'id' must be lower-case letters, digits and dashes, not '" + id + "'");
        }
        String tooLong = ColumnLimits.tooLong("'id'", id, ColumnLimits.RULE_ID);
        if (tooLong != null) {
            throw new YamlException(value(entries, "id"), tooLong);
        }
        return id;
    }

    /** The event types of 'on'; each bad one is a problem of its own. */
    private Set<String> on(Map<String, NodeTuple> entries, List<YamlException> problems) {
        Set<String> types = new LinkedHashSet<>();
        if (!entries.containsKey("on")) {
            return types;
        }
        for (Node item : YamlNodes.oneOrMany(value(entries, "on"))) {
            String type = attempt(problems, () -> eventType(item));
            if (type != null) {
                types.add(type);
            }
        }
        return types;
    }

    private static String eventType(Node item) throws YamlException {
        String name = YamlNodes.text(item, "on");
        String type = name.equals(Rule.ANY_TYPE) ? name : EventTypes.normalize(name);
        if (!type.equals(Rule.ANY_TYPE) && !type.equals(EventTypes.UNKNOWN) && !EventTypes.KNOWN.contains(type)) {
            throw new YamlException(item, "unknown event type '" + name + "' (known: "
                    + String.join(", ", sorted(EventTypes.KNOWN)) + ", unknown, or '*')");
        }
        String tooLong = ColumnLimits.tooLong("an event type in 'on'", type, ColumnLimits.EVENT_TYPE);
        if (tooLong != null) {
            throw new YamlException(item, tooLong);
        }
        return type;
    }

    private Expression expression(Map<String, NodeTuple> entries, String key) throws YamlException {
        String source = optionalText(entries, key);
        if (source == null) {
            return null;
        }
        try {
            return Expression.compile(source, EventFacts.NAMES, budget);
        } catch (ExpressionException e) {
            throw new YamlException(place(value(entries, key), e.column()), "'" + key + "': " + e.getMessage());
        }
    }

    /** The file position of an expression's column: exact for a plain one-line value, else where the value starts. */
    private static YamlNodes.Place place(Node value, int column) {
        YamlNodes.Place start = YamlNodes.Place.of(value);
        boolean plainLine = value instanceof ScalarNode scalar && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && value.getEndMark().getLine() == value.getStartMark().getLine();
        return column > 0 && plainLine ? new YamlNodes.Place(start.line(), start.column() + column - 1) : start;
    }

    private Integer limit(Map<String, NodeTuple> entries) throws YamlException {
        if (!entries.containsKey("limit")) {
            return null;
        }
        int limit = YamlNodes.integer(value(entries, "limit"), "limit");
        if (limit < 1) {
            throw new YamlException(value(entries, "limit"), "'limit' must be 1 or more");
        }
        return limit;
    }

    /** The actions, each read on its own: every problem of every action goes to {@code problems}. */
    private List<ActionSpec> actions(Map<String, NodeTuple> entries, Node rule, List<YamlException> problems) {
        if (!entries.containsKey("actions") || !(value(entries, "actions") instanceof SequenceNode list)
                || list.getValue().isEmpty()) {
            problems.add(new YamlException(entries.containsKey("actions") ? value(entries, "actions") : rule,
                    "a rule needs 'actions': a list such as - log: {message: ...}"));
            return List.of();
        }
        List<ActionSpec> specs = new ArrayList<>();
        for (Node item : list.getValue()) {
            int index = specs.size();
            ActionSpec spec = attempt(problems, () -> action(index, item, problems));
            specs.add(spec);
        }
        return specs;
    }

    @SuppressWarnings("unchecked")
    private ActionSpec action(int index, Node item, List<YamlException> problems) throws YamlException {
        Map<String, NodeTuple> entries = YamlNodes.entries(item, "an action");
        Duration after = entries.containsKey("after") ? attempt(problems, () -> duration(value(entries, "after"))) : null;
        List<String> kinds = entries.keySet().stream().filter(k -> !k.equals("after")).toList();
        if (kinds.size() != 1) {
            throw new YamlException(item, "an action names exactly one of: " + ActionKind.keys());
        }
        String name = kinds.get(0);
        ActionKind kind = ActionKind.byKey(name).orElseThrow(() -> new YamlException(
                entries.get(name).getKeyNode(), "unknown action '" + name + "' (known: " + ActionKind.keys() + ")"));
        Node paramsNode = value(entries, name);
        Map<String, NodeTuple> nodes = YamlNodes.entries(paramsNode, "the settings of '" + name + "'");
        Map<String, Object> params = (Map<String, Object>) YamlNodes.toValue(paramsNode);
        actions.check(kind, params, nodes, YamlNodes.Place.of(paramsNode), problems);
        return new ActionSpec(index, kind, params, after);
    }

    private static Duration duration(Node node) throws YamlException {
        String text = YamlNodes.text(node, "after");
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw new YamlException(node, "'after' must be a positive duration");
            }
            if (duration.compareTo(ColumnLimits.AFTER) > 0) {
                throw new YamlException(node, "'after' must be at most " + ColumnLimits.AFTER.toDays()
                        + " days (P" + ColumnLimits.AFTER.toDays() + "D), not " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new YamlException(node, "'after' must be an ISO-8601 duration such as PT48H, not '" + text + "'");
        }
    }

    private String optionalText(Map<String, NodeTuple> entries, String key) throws YamlException {
        return entries.containsKey(key) ? YamlNodes.text(value(entries, key), key) : null;
    }

    private static Node value(Map<String, NodeTuple> entries, String key) {
        return entries.get(key).getValueNode();
    }

    /** Rules are versioned by their own text, so an edit to one rule does not re-version the others. */
    private String version(Node node) {
        int end = offset(node.getEndMark().getIndex());
        String source = text.substring(Math.min(offset(node.getStartMark().getIndex()), end), end);
        return Hashing.sha256Hex(source).substring(0, 12);
    }

    /**
     * SnakeYAML counts positions in code points, a String in UTF-16 units (an emoji is two): used
     * as is, each emoji before a rule's end moved its text one unit short, and the version missed
     * an edit to the rule's last characters.
     */
    private int offset(int codePoints) {
        return text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length())));
    }

    private static String idOf(Node node) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("id")
                        && tuple.getValueNode() instanceof ScalarNode id) {
                    return id.getValue();
                }
            }
        }
        return null;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
