package com.truustrules.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides whether a raw request path is already in the one form the router matches. A path that a
 * normaliser would change (double slashes, dot segments, needless or ambiguous percent-encoding,
 * matrix parameters, backslashes, invalid UTF-8) is refused rather than repaired, so that every
 * check that looks at the path sees exactly what the router sees.
 */
public final class CanonicalPath {

    private static final String UNRESERVED_PUNCTUATION = "-._~";
    // pchar of RFC 3986 minus ';' (matrix parameters), plus '/' between segments.
    private static final String ALLOWED_PUNCTUATION = "-._~!$&'()*+,=:@/%";

    private CanonicalPath() {
    }

    /** Empty when the raw path is canonical, else why it is not (a fixed text: never the input itself). */
    public static Optional<String> problem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            return Optional.of("the path must start with '/'");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == ';') {
                return Optional.of("matrix parameters (';') are not accepted");
            }
            if (c == '\\') {
                return Optional.of("a backslash is not accepted in a path");
            }
            if (!allowedRaw(c)) {
                return Optional.of("the path holds a character that must be percent-encoded");
            }
        }
        if (rawPath.contains("//")) {
            return Optional.of("empty path segments ('//') are not accepted");
        }
        return segmentProblem(rawPath).or(() -> encodingProblem(rawPath));
    }

    private static boolean allowedRaw(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static Optional<String> segmentProblem(String rawPath) {
        for (String segment : rawPath.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("dot segments ('.', '..') are not accepted");
            }
        }
        return Optional.empty();
    }

    /** Every %XX must be two hex digits, must not encode what needs no encoding, and the bytes must be UTF-8. */
    private static Optional<String> encodingProblem(String rawPath) {
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            int value = i + 2 < rawPath.length() ? hex(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
            if (value < 0) {
                return Optional.of("an invalid percent-encoding is not accepted");
            }
            if (value < 0x80 && needsNoEncoding((char) value)) {
                return Optional.of("a percent-encoded letter, digit or '-._~' is not accepted");
            }
            if (value == '/' || value == '\\' || value == ';' || value == '%' || value < 0x20 || value == 0x7f) {
                return Optional.of("a percent-encoded separator, '%' or control character is not accepted");
            }
            bytes.put((byte) value);
            i += 2;
        }
        return validUtf8(bytes.flip()) ? Optional.empty() : Optional.of("the path is not valid UTF-8");
    }

    private static boolean needsNoEncoding(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || UNRESERVED_PUNCTUATION.indexOf(c) >= 0;
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    // Java's UTF-8 decoder refuses overlong forms (e.g. %C0%AF for '/') and encoded surrogates.
    private static boolean validUtf8(ByteBuffer bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
