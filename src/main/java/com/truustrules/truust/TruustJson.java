package com.truustrules.truust;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Truust's answers whatever their envelope: a leading BOM, bare or {"data": ...}-wrapped, ids as numbers or text. */
public final class TruustJson {

    /** Answers are read whole into memory, so their size and nesting are bounded. */
    static final int MAX_ANSWER = 2 * 1024 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final TypeReference<Object> ANY = new TypeReference<>() {
    };

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxNumberLength(100).maxStringLength(MAX_ANSWER).build());
    }

    private TruustJson() {
    }

    /** One object (an order, a customer), unwrapped from "data" when wrapped. */
    static Map<String, Object> object(String text) {
        Object root = parse(text);
        if (root instanceof Map<?, ?> map && map.get("data") instanceof Map<?, ?> inner && !map.containsKey("id")) {
            root = inner;
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new TruustAnswerException("expected a JSON object, got " + kind(root));
        }
        return asMap(root);
    }

    /** One page of a list: its items and whether another page follows. */
    static Page page(String text, int page) {
        Object root = parse(text);
        if (root instanceof List<?> list) {
            return new Page(maps(list), false);
        }
        if (root instanceof Map<?, ?> map && map.get("data") instanceof List<?> list) {
            Object last = map.get("last_page");
            boolean more = last != null && number(last) > page;
            return new Page(maps(list), more);
        }
        throw new TruustAnswerException("expected a list of orders, got " + kind(root));
    }

    /** Items of one page of GET /orders; {@code more}: a next page exists. */
    public record Page(List<Map<String, Object>> items, boolean more) {
    }

    /** An id as Truust sends it (number or text) as text; null when missing or of another shape. */
    public static String id(Object value) {
        if (value instanceof Number || value instanceof CharSequence) {
            String text = value.toString().strip();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    private static Object parse(String text) {
        String body = text != null && text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (body == null || body.isBlank()) {
            throw new TruustAnswerException("empty answer");
        }
        try {
            return JSON.readValue(body, ANY);
        } catch (JsonProcessingException e) {
            throw new TruustAnswerException("answer is not JSON: " + e.getOriginalMessage());
        }
    }

    private static long number(Object value) {
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Map<String, Object>> maps(List<?> list) {
        return list.stream().filter(Map.class::isInstance).map(TruustJson::asMap).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    private static String kind(Object value) {
        return value == null ? "null" : value instanceof List ? "a list" : value.getClass().getSimpleName();
    }
}
