package com.truustrules.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * JSON-ish text for the body parser: values that are valid JSON but awkward (huge and exotic
 * numbers, lone surrogate escapes, duplicate keys, deep nesting), and the ways a body breaks
 * (invalid UTF-8, byte order marks, truncation, stray bytes).
 */
final class JsonArbitraries {

    /** Valid JSON numbers, some beyond what the parser accepts (over 1000 digits). */
    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "149.90", "0.0", "-0.0", "1e5", "1E+5",
            "1.0e-5", "2147483648", "-9223372036854775809", "12345678901234567890123", "1e999999999", "-1E-999999999",
            "1e-400", "0.1e310", "1" + "0".repeat(999), "9".repeat(1200), "1." + "0".repeat(1100));
    /** Not JSON, though close to it. */
    private static final List<String> BROKEN_NUMBERS = List.of("01", "+1", ".5", "1.", "1e", "NaN", "Infinity", "-",
            "0x1F", "1_000", "1,5");
    /** String contents that stay valid JSON: escapes, lone and paired surrogates, non-ASCII. */
    private static final List<String> STRING_PIECES = List.of("a", "Ana García", "order.published", "\\\"", "\\\\",
            "\\/", "\\b\\f\\n\\r\\t", "\\u0000", "\\u001f", "\\uD800", "\\uDBFF", "\\uDC00", "\\uDFFF",
            "\\uD83D\\uDE00", "\\uDE00\\uD83D", "😀", "\u2028\u2029", "\uFEFF", "é", "\u00A0", "𝔘", "€");
    /** String contents that break JSON: raw control characters and bad escapes. */
    private static final List<String> BROKEN_STRING_PIECES = List.of("\u0000", "\n", "\t", "\\x41", "\\u12", "\\U0041",
            "\\", "\\uZZZZ", "\u001b");
    private static final List<String> KEYS = List.of("escrow", "status", "id", "amount", "a", "", "payin", "payout",
            "\\u0000", "\\uD800", "__proto__", "class");
    /** Byte sequences that are not UTF-8: stray bytes, overlong forms, encoded surrogates, cut sequences. */
    static final List<byte[]> INVALID_UTF8 = List.of(bytes(0xFF), bytes(0xFE), bytes(0x80), bytes(0xC0, 0x80),
            bytes(0xC1, 0xBF), bytes(0xE0, 0x80, 0x80), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF),
            bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0xC3), bytes(0xE2, 0x82),
            bytes(0xF0, 0x9F, 0x98));
    static final byte[] BOM = bytes(0xEF, 0xBB, 0xBF);

    private JsonArbitraries() {
    }

    /** Any valid JSON value, up to four containers deep. */
    static Arbitrary<String> value() {
        return Arbitraries.recursive(JsonArbitraries::scalar, JsonArbitraries::container, 0, 4);
    }

    /** A valid JSON object: the shape a webhook body has. */
    static Arbitrary<String> object() {
        return object(value());
    }

    static Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(NUMBERS)),
                Tuple.of(2, Arbitraries.integers().map(String::valueOf)),
                Tuple.of(6, string(STRING_PIECES)),
                Tuple.of(2, Arbitraries.of("true", "false", "null")));
    }

    /** Nesting far past any sane body, around the parser's depth limit of 1000. */
    static Arbitrary<String> deep() {
        return Combinators.combine(Arbitraries.integers().between(1, 2500), Arbitraries.of("[]", "{\"a\":}"), value())
                .as((depth, shape, inner) -> nest(depth, shape, inner));
    }

    /** A valid value with one thing broken in its text. */
    static Arbitrary<String> broken() {
        return Arbitraries.oneOf(
                Combinators.combine(value(), Arbitraries.of(BROKEN_NUMBERS)).as((v, n) -> "{\"a\":" + n + ",\"b\":" + v + "}"),
                string(BROKEN_STRING_PIECES).map(s -> "{\"a\":" + s + "}"),
                Combinators.combine(object(), Arbitraries.integers().between(0, 1000)).as(JsonArbitraries::truncate),
                Combinators.combine(object(), Arbitraries.of("x", "}", ",", "{}", "[1]", "\u0000", "//c", "/*c*/"))
                        .as((o, tail) -> o + tail),
                Combinators.combine(object(), Arbitraries.of("'", "undefined", "{a:1}", "#"))
                        .as((o, junk) -> junk + o));
    }

    /** Bytes of a body: valid objects, other values, broken text, invalid UTF-8, byte order marks, noise. */
    static Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, object().map(JsonArbitraries::utf8)),
                Tuple.of(2, value().map(JsonArbitraries::utf8)),
                Tuple.of(2, deep().map(JsonArbitraries::utf8)),
                Tuple.of(2, broken().map(JsonArbitraries::utf8)),
                Tuple.of(2, object().map(JsonArbitraries::utf8).map(b -> concat(BOM, b))),
                Tuple.of(3, withInvalidUtf8()),
                Tuple.of(1, object().map(o -> concat(bytes(0xFE, 0xFF), o.getBytes(StandardCharsets.UTF_16BE)))),
                Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
    }

    /** A valid object with one sequence that is not UTF-8 put inside a string, or anywhere. */
    static Arbitrary<byte[]> withInvalidUtf8() {
        return Combinators.combine(object(), Arbitraries.of(INVALID_UTF8), Arbitraries.integers().between(0, 4000),
                Arbitraries.of(true, false)).as((json, invalid, at, inString) -> inString
                        ? concat(utf8("{\"a\":\"x"), invalid, utf8("y\",\"b\":" + json + "}"))
                        : insert(utf8(json), at, invalid));
    }

    private static Arbitrary<String> container(Arbitrary<String> element) {
        return Arbitraries.oneOf(element.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"), object(element));
    }

    /** Keys come from a small set so that duplicate keys are common. */
    private static Arbitrary<String> object(Arbitrary<String> element) {
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of(KEYS), element, Arbitraries.of("", " ", "\n\t "))
                .as((key, value, space) -> space + "\"" + key + "\"" + space + ":" + space + value + space);
        return entry.list().ofMaxSize(5).map(entries -> "{" + String.join(",", entries) + "}");
    }

    private static Arbitrary<String> string(List<String> pieces) {
        return Arbitraries.of(pieces).list().ofMaxSize(6).map(parts -> "\"" + String.join("", parts) + "\"");
    }

    private static String nest(int depth, String shape, String inner) {
        int cut = shape.indexOf(shape.startsWith("[") ? ']' : '}');
        return shape.substring(0, cut).repeat(depth) + inner + shape.substring(cut).repeat(depth);
    }

    private static String truncate(String json, int keep) {
        return json.substring(0, Math.min(keep, Math.max(0, json.length() - 1)));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] insert(byte[] into, int at, byte[] piece) {
        int cut = Math.min(at, into.length);
        byte[] head = Arrays.copyOfRange(into, 0, cut);
        return concat(head, piece, Arrays.copyOfRange(into, cut, into.length));
    }
}
