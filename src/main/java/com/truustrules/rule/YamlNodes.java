package com.truustrules.rule;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML read as a node tree rather than as objects, because every error must name its line.
 * Only the safe subset is used: no custom tags, no object construction.
 */
final class YamlNodes {

    /** A YAML problem with the line and column (1-based; 0 when unknown) it was found at. */
    static final class YamlException extends Exception {
        final int line;
        final int column;

        YamlException(int line, String message) {
            this(line, 0, message);
        }

        YamlException(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        YamlException(Place at, String message) {
            this(at.line(), at.column(), message);
        }

        YamlException(Node node, String message) {
            this(Place.of(node), message);
        }

        RuleError toError(String file, String rule) {
            return new RuleError(file, line, column, rule, getMessage());
        }
    }

    /** Where a node starts in its file, 1-based, as editors count. */
    record Place(int line, int column) {
        static Place of(Node node) {
            return new Place(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
        }
    }

    private YamlNodes() {
    }

    /** The document's root node, or null for an empty document. */
    static Node parse(String text) throws YamlException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1_000_000);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw mark == null ? new YamlException(1, "YAML syntax: " + e.getProblem())
                    : new YamlException(mark.getLine() + 1, mark.getColumn() + 1, "YAML syntax: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new YamlException(1, "YAML syntax: " + e.getMessage());
        }
        if (root != null) {
            refuseCycles(root, identitySet(), identitySet());
        }
        return root;
    }

    /**
     * An anchor lets a node contain itself ({@code &a [*a]}); everything after parsing walks the
     * nodes as a tree and would recurse until the stack overflows, so such a document is refused.
     * The recursion here is bounded by the parser's nesting limit (50 levels).
     */
    private static void refuseCycles(Node node, Set<Node> path, Set<Node> done) throws YamlException {
        if (done.contains(node)) {
            return;
        }
        if (!path.add(node)) {
            throw new YamlException(node, "an alias refers to a value that contains it: the value would never end");
        }
        for (Node child : children(node)) {
            refuseCycles(child, path, done);
        }
        path.remove(node);
        done.add(node);
    }

    private static List<Node> children(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getValue().stream().flatMap(t -> Stream.of(t.getKeyNode(), t.getValueNode())).toList();
        }
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of();
    }

    private static Set<Node> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The entries of a mapping in file order; a repeated key is an error. */
    static Map<String, NodeTuple> entries(Node node, String what) throws YamlException {
        if (!(node instanceof MappingNode mapping)) {
            throw new YamlException(node, what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (entries.putIfAbsent(key, tuple) != null) {
                throw new YamlException(tuple.getKeyNode(), "duplicate key '" + key + "'");
            }
        }
        return entries;
    }

    static String scalar(Node node, String what) throws YamlException {
        if (!(node instanceof ScalarNode scalar)) {
            throw new YamlException(node, what + " must be a single value, not a list or mapping");
        }
        return scalar.getValue();
    }

    static String text(Node node, String key) throws YamlException {
        String value = scalar(node, "'" + key + "'");
        if (((ScalarNode) node).getTag().equals(Tag.NULL)) {
            throw new YamlException(node, "'" + key + "' must not be empty");
        }
        return value;
    }

    static int integer(Node node, String key) throws YamlException {
        String value = scalar(node, "'" + key + "'");
        if (!((ScalarNode) node).getTag().equals(Tag.INT)) {
            throw new YamlException(node, "'" + key + "' must be a whole number, not '" + value + "'");
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new YamlException(node, "'" + key + "' is out of range: " + value);
        }
    }

    static boolean bool(Node node, String key) throws YamlException {
        String value = scalar(node, "'" + key + "'");
        if (!((ScalarNode) node).getTag().equals(Tag.BOOL)) {
            throw new YamlException(node, "'" + key + "' must be true or false, not '" + value + "'");
        }
        return isTrue(value);
    }

    private static boolean isTrue(String yamlBool) {
        return yamlBool.equalsIgnoreCase("true") || yamlBool.equalsIgnoreCase("yes") || yamlBool.equalsIgnoreCase("on");
    }

    /** A single value or a list of values, as strings. */
    static List<Node> oneOrMany(Node node) {
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
    }

    /** Plain Java values: maps, lists, strings, numbers, booleans, null. */
    static Object toValue(Node node) {
        if (node instanceof MappingNode mapping) {
            Map<String, Object> map = new LinkedHashMap<>();
            mapping.getValue().forEach(t -> map.put(String.valueOf(toValue(t.getKeyNode())), toValue(t.getValueNode())));
            return map;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            sequence.getValue().forEach(n -> list.add(toValue(n)));
            return list;
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            try {
                return new BigDecimal(value.replace("_", ""));
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (tag.equals(Tag.BOOL)) {
            return isTrue(value);
        }
        return value;
    }
}
