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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            errors.add(new RuleError(file, e.line, null, e.getMessage()));
            return List.of();
        }
        if (root == null) {
            errors.add(new RuleError(file, 1, null, "the file has no rule"));
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (Node node : ruleNodes(root)) {
            try {
                actions.rule(idOf(node));
                rules.add(rule(node));
            } catch (YamlException e) {
                errors.add(new RuleError(file, e.line, idOf(node), e.getMessage()));
            } catch (RuntimeException | StackOverflowError e) {
                // A bug of ours or of a library must not take the reload down: report it as the rule's error.
                // Qute parses templates recursively, so thousands of nested {#if} overflow the stack.
                errors.add(new RuleError(file, YamlNodes.line(node), idOf(node), "could not be read: "
                        + (e instanceof StackOverflowError ? "something in it nests too deeply" : e.toString())));
            }
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

    private Rule rule(Node node) throws YamlException {
        Map<String, NodeTuple> entries = YamlNodes.entries(node, "a rule");
        for (NodeTuple entry : entries.values()) {
            String key = YamlNodes.scalar(entry.getKeyNode(), "a key");
            if (!KEYS.contains(key)) {
                throw new YamlException(YamlNodes.line(entry.getKeyNode()),
                        "unknown key '" + key + "' (a rule takes: " + String.join(", ", sorted(KEYS)) + ")");
            }
        }
        String id = id(entries, node);
        Set<String> on = on(entries);
        String schedule = optionalText(entries, "schedule");
        if (on.isEmpty() == (schedule == null)) {
            throw new YamlException(YamlNodes.line(node), "a rule needs either 'on' (event types) or 'schedule' (cron), not "
                    + (schedule == null ? "neither" : "both"));
        }
        if (schedule != null) {
            actions.checkSchedule(schedule, YamlNodes.line(entries.get("schedule").getValueNode()));
        }
        Expression when = expression(entries, "when");
        if (when != null && !when.isBoolean()) {
            throw new YamlException(YamlNodes.line(entries.get("when").getValueNode()),
                    "'when' must be a condition that is true or false, such as escrow.amount >= 1000; '"
                            + when.source() + "' is not");
        }
        return Rule.builder().id(id).version(version(node)).at(file, YamlNodes.line(node))
                .description(optionalText(entries, "description"))
                .enabled(entries.containsKey("enabled") ? YamlNodes.bool(value(entries, "enabled"), "enabled") : true)
                .on(on).schedule(schedule).when(when)
                .priority(entries.containsKey("priority") ? YamlNodes.integer(value(entries, "priority"), "priority") : 0)
                .oncePer(expression(entries, "once-per")).limit(limit(entries)).actions(actions(entries, node)).build();
    }

    private String id(Map<String, NodeTuple> entries, Node rule) throws YamlException {
        if (!entries.containsKey("id")) {
            throw new YamlException(YamlNodes.line(rule), "a rule needs an 'id'");
        }
        String id = YamlNodes.text(value(entries, "id"), "id");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new YamlException(YamlNodes.line(value(entries, "id")),
                    "'id' must be lower-case letters, digits and dashes, not '" + id + "'");
        }
        String tooLong = ColumnLimits.tooLong("'id'", id, ColumnLimits.RULE_ID);
        if (tooLong != null) {
            throw new YamlException(YamlNodes.line(value(entries, "id")), tooLong);
        }
        return id;
    }

    private Set<String> on(Map<String, NodeTuple> entries) throws YamlException {
        Set<String> types = new LinkedHashSet<>();
        if (!entries.containsKey("on")) {
            return types;
        }
        for (Node item : YamlNodes.oneOrMany(value(entries, "on"))) {
            String name = YamlNodes.text(item, "on");
            String type = name.equals(Rule.ANY_TYPE) ? name : EventTypes.normalize(name);
            if (!type.equals(Rule.ANY_TYPE) && !type.equals(EventTypes.UNKNOWN) && !EventTypes.KNOWN.contains(type)) {
                throw new YamlException(YamlNodes.line(item), "unknown event type '" + name + "' (known: "
                        + String.join(", ", sorted(EventTypes.KNOWN)) + ", unknown, or '*')");
            }
            String tooLong = ColumnLimits.tooLong("an event type in 'on'", type, ColumnLimits.EVENT_TYPE);
            if (tooLong != null) {
                throw new YamlException(YamlNodes.line(item), tooLong);
            }
            types.add(type);
        }
        return types;
    }

    private Expression expression(Map<String, NodeTuple> entries, String key) throws YamlException {
        String source = optionalText(entries, key);
        if (source == null) {
            return null;
        }
        try {
            return Expression.compile(source, EventFacts.NAMES, budget);
        } catch (ExpressionException e) {
            throw new YamlException(YamlNodes.line(value(entries, key)), "'" + key + "': " + e.getMessage());
        }
    }

    private Integer limit(Map<String, NodeTuple> entries) throws YamlException {
        if (!entries.containsKey("limit")) {
            return null;
        }
        int limit = YamlNodes.integer(value(entries, "limit"), "limit");
        if (limit < 1) {
            throw new YamlException(YamlNodes.line(value(entries, "limit")), "'limit' must be 1 or more");
        }
        return limit;
    }

    private List<ActionSpec> actions(Map<String, NodeTuple> entries, Node rule) throws YamlException {
        if (!entries.containsKey("actions") || !(value(entries, "actions") instanceof SequenceNode list)
                || list.getValue().isEmpty()) {
            throw new YamlException(entries.containsKey("actions") ? YamlNodes.line(value(entries, "actions")) : YamlNodes.line(rule),
                    "a rule needs 'actions': a list such as - log: {message: ...}");
        }
        List<ActionSpec> specs = new ArrayList<>();
        for (Node item : list.getValue()) {
            specs.add(action(specs.size(), item));
        }
        return specs;
    }

    @SuppressWarnings("unchecked")
    private ActionSpec action(int index, Node item) throws YamlException {
        Map<String, NodeTuple> entries = YamlNodes.entries(item, "an action");
        Duration after = entries.containsKey("after") ? duration(value(entries, "after")) : null;
        List<String> kinds = entries.keySet().stream().filter(k -> !k.equals("after")).toList();
        if (kinds.size() != 1) {
            throw new YamlException(YamlNodes.line(item), "an action names exactly one of: " + ActionKind.keys());
        }
        String name = kinds.get(0);
        ActionKind kind = ActionKind.byKey(name).orElseThrow(() -> new YamlException(
                YamlNodes.line(entries.get(name).getKeyNode()), "unknown action '" + name + "' (known: " + ActionKind.keys() + ")"));
        Node paramsNode = value(entries, name);
        YamlNodes.entries(paramsNode, "the settings of '" + name + "'");
        Map<String, Object> params = (Map<String, Object>) YamlNodes.toValue(paramsNode);
        actions.check(kind, params, YamlNodes.line(paramsNode));
        return new ActionSpec(index, kind, params, after);
    }

    private static Duration duration(Node node) throws YamlException {
        String text = YamlNodes.text(node, "after");
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw new YamlException(YamlNodes.line(node), "'after' must be a positive duration");
            }
            if (duration.compareTo(ColumnLimits.AFTER) > 0) {
                throw new YamlException(YamlNodes.line(node), "'after' must be at most " + ColumnLimits.AFTER.toDays()
                        + " days (P" + ColumnLimits.AFTER.toDays() + "D), not " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new YamlException(YamlNodes.line(node), "'after' must be an ISO-8601 duration such as PT48H, not '" + text + "'");
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
