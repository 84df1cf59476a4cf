package com.truustrules.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.truustrules.common.JsonLimits;
import com.truustrules.common.ProblemException;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A webhook body: tolerant of a UTF-8 byte order mark, strict about being one JSON object. */
public record WebhookBody(String text, JsonNode json) {

    private static final ObjectMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().streamReadConstraints(JsonLimits.constraints()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // Keep "149.90" as sent, not 149.9: a template that prints the amount prints Truust's.
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .build();

    public static WebhookBody parse(byte[] raw) {
        String text = utf8(raw, hasBom(raw) ? 3 : 0);
        if (text.isBlank()) {
            throw malformed("the body is empty; a JSON object is expected");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (StreamConstraintsException e) {
            throw malformed(overLimit(e));
        } catch (JsonProcessingException e) {
            throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!json.isObject()) {
            throw malformed("the body must be a JSON object, not " + json.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        requireNumbersInRange(json);
        return new WebhookBody(text, json);
    }

    private static String overLimit(StreamConstraintsException e) {
        String limit = String.valueOf(e.getOriginalMessage());
        if (limit.contains("nesting depth")) {
            return "the body nests objects and arrays deeper than " + JsonLimits.MAX_DEPTH + " levels";
        }
        if (limit.startsWith("Number value length")) {
            return "the body has a number longer than " + JsonLimits.MAX_NUMBER_LENGTH + " characters";
        }
        return "the body is over a JSON parser limit: " + limit;
    }

    /**
     * A number such as 1e999999999 is short to send and a gigabyte to write out: refused here, with
     * where it is, rather than stored for the rules to trip over (see {@link JsonLimits}).
     */
    private static void requireNumbersInRange(JsonNode json) {
        String where = outOfRange(json);
        if (where != null) {
            String shown = where.length() > 200 ? where.substring(0, 200) + "…" : where;
            throw malformed("the number at " + shown + " is out of range: at most " + JsonLimits.MAX_NUMBER_LENGTH
                    + " digits and an exponent within ±" + JsonLimits.MAX_EXPONENT);
        }
    }

    /** The JSON pointer of the first number out of range below node ("" for node itself), or null. */
    private static String outOfRange(JsonNode node) {
        if (node.isNumber()) {
            return JsonLimits.inRange(node.numberValue()) ? null : "";
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String below = outOfRange(node.get(i));
                if (below != null) {
                    return "/" + i + below;
                }
            }
        }
        for (Map.Entry<String, JsonNode> field : node.isObject() ? node.properties() : Set.<Map.Entry<String, JsonNode>>of()) {
            String below = outOfRange(field.getValue());
            if (below != null) {
                return "/" + field.getKey().replace("~", "~0").replace("/", "~1") + below;
            }
        }
        return null;
    }

    /** The body without insignificant white space: two deliveries of one event compare equal. */
    public String canonical() {
        return escapeLoneSurrogates(json.toString());
    }

    /**
     * Strict UTF-8 (RFC 8259 requires it): a lenient decoder would store U+FFFD instead of the bytes
     * sent, and two bodies that differ only in their invalid bytes would be deduplicated as one.
     */
    private static String utf8(byte[] raw, int start) {
        ByteBuffer in = ByteBuffer.wrap(raw, start, raw.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(in).toString();
        } catch (CharacterCodingException e) {
            throw malformed("the body is not valid UTF-8 (byte " + (in.position() + 1) + ")");
        }
    }

    /**
     * A JSON escape of half a surrogate pair (U+D800 to U+DFFF) parses to a lone surrogate, which UTF-8
     * cannot encode: left raw, it would hash as '?', so bodies differing only there would share a dedup
     * key. It is written back as the escape.
     */
    private static String escapeLoneSurrogates(String json) {
        StringBuilder out = new StringBuilder(json.length());
        json.codePoints().forEach(c -> {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean hasBom(byte[] raw) {
        return raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }
}
