package com.truustrules.action;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a value from the facts is encoded for the place it lands in a rendered text, so that data
 * from an event can never change the shape of what the rule author wrote (a URL's path, a JSON
 * document, a form). Only the values are encoded; the rule's own text is left as written.
 */
public enum ValueEncoding {
    /** One URL path segment: everything but RFC 3986 unreserved characters is percent-encoded, '/' included. */
    URL_PATH("text/x-url-path"),
    /** A URL query or fragment value: as a path segment, so '&', '=', '+' and '#' cannot add parameters. */
    URL_QUERY("text/x-url-query"),
    /** The inside of a JSON string: quotes, backslashes and control characters escaped. */
    JSON("application/json"),
    /** An application/x-www-form-urlencoded name or value. */
    FORM("application/x-www-form-urlencoded"),
    /** XML text or attribute content. */
    XML("application/xml");

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String contentType;

    ValueEncoding(String contentType) {
        this.contentType = contentType;
    }

    /** The Qute variant content type that selects this encoding when a template is rendered. */
    public String contentType() {
        return contentType;
    }

    static Optional<ValueEncoding> byContentType(String type) {
        return Arrays.stream(values()).filter(e -> e.contentType.equals(type)).findFirst();
    }

    /** The value encoded for its place. */
    public String encode(String value) {
        return switch (this) {
            case URL_PATH, URL_QUERY -> percentEncode(value);
            case JSON -> new String(JsonStringEncoder.getInstance().quoteAsString(value));
            case FORM -> URLEncoder.encode(value, StandardCharsets.UTF_8);
            case XML -> value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("\"", "&quot;").replace("'", "&apos;");
        };
    }

    /** Percent-encodes the UTF-8 bytes of every character outside A-Z a-z 0-9 - . _ ~ (RFC 3986 section 2.3). */
    static String percentEncode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }
}
