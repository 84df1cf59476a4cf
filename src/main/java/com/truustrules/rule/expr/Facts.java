package com.truustrules.rule.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads fact paths such as {@code escrow.metadata.buyer_email}, {@code offers.black-friday.start}
 * or {@code payload.items[0].price} out of JSON-like facts (maps, lists and scalars). A missing
 * key, an index out of range or a scalar in the middle of the path reads as null; nothing throws.
 * Only maps and lists are walked: no getter of any other object is ever called.
 */
public final class Facts {

    /** Keys written after a dot; any other key is written as ['…'] so the path text parses back. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[^.\\[\\]'\\\\\\s]+");

    private Facts() {
    }

    /** The value at a path as {@link Expression#paths()} renders it, or null. */
    public static Object valueAt(Map<String, Object> facts, String path) {
        List<Object> segments = path == null ? null : parse(path);
        return segments == null ? null : walk(facts, segments);
    }

    /** Segments are String keys and Integer indexes; the first one names the fact. */
    static Object walk(Map<String, Object> facts, List<Object> segments) {
        Object current = facts;
        for (Object segment : segments) {
            current = step(current, segment);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The path text for segments: plain keys after dots, other keys quoted, indexes in brackets. */
    static String render(List<Object> segments) {
        StringBuilder path = new StringBuilder(String.valueOf(segments.get(0)));
        for (Object segment : segments.subList(1, segments.size())) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else if (PLAIN_KEY.matcher((String) segment).matches()) {
                path.append('.').append(segment);
            } else {
                path.append("['").append(((String) segment).replace("\\", "\\\\").replace("'", "\\'")).append("']");
            }
        }
        return path.toString();
    }

    /** Segments of a rendered path, or null when the text is not a path. */
    static List<Object> parse(String path) {
        List<Object> segments = new ArrayList<>();
        int pos = plainKey(path, 0, segments);
        while (pos > 0 && pos < path.length()) {
            char c = path.charAt(pos);
            pos = c == '.' ? plainKey(path, pos + 1, segments) : c == '[' ? bracket(path, pos + 1, segments) : -1;
        }
        return pos == path.length() && !segments.isEmpty() ? segments : null;
    }

    private static int plainKey(String path, int from, List<Object> segments) {
        int end = from;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        segments.add(path.substring(from, end));
        return end > from ? end : -1;
    }

    private static int bracket(String path, int from, List<Object> segments) {
        if (path.startsWith("'", from)) {
            return quotedKey(path, from + 1, segments);
        }
        int end = path.indexOf(']', from);
        if (end < 0 || indexOf(path.substring(from, end)) < 0) {
            return -1;
        }
        segments.add(Integer.valueOf(path.substring(from, end)));
        return end + 1;
    }

    private static int quotedKey(String path, int from, List<Object> segments) {
        StringBuilder key = new StringBuilder();
        for (int pos = from; pos < path.length(); pos++) {
            char c = path.charAt(pos);
            if (c == '\\' && pos + 1 < path.length()) {
                key.append(path.charAt(++pos));
            } else if (c == '\'') {
                segments.add(key.toString());
                return path.startsWith("]", pos + 1) ? pos + 2 : -1;
            } else {
                key.append(c);
            }
        }
        return -1;
    }

    private static Object step(Object container, Object segment) {
        if (container instanceof Map<?, ?> map) {
            return map.get(segment instanceof Integer ? segment.toString() : segment);
        }
        if (container instanceof List<?> list) {
            int index = segment instanceof Integer i ? i : indexOf((String) segment);
            return index >= 0 && index < list.size() ? list.get(index) : null;
        }
        return null;
    }

    private static int indexOf(String key) {
        boolean digits = !key.isEmpty() && key.length() <= 9 && key.chars().allMatch(c -> c >= '0' && c <= '9');
        return digits ? Integer.parseInt(key) : -1;
    }
}
