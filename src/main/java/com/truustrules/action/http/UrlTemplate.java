package com.truustrules.action.http;

import com.truustrules.action.Templates;
import com.truustrules.action.ValueEncoding;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * An http action's url as a template: scheme, host and port exactly as the rule wrote them, and
 * {placeholders} only in the path, query and fragment, where each value is percent-encoded for its
 * component. A value from an event can so fill one path segment or one query value, never add a
 * segment, a parameter, a fragment or another host.
 */
public record UrlTemplate(String origin, String path, String query, String fragment) {

    /** Splits a url template; IllegalArgumentException says what is wrong with it, for a load error. */
    public static UrlTemplate parse(String source) {
        String text = source.strip();
        int schemeEnd = text.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("url must start with http:// or https://, not '" + source + "'");
        }
        int authorityEnd = firstOf(text, "/?#", schemeEnd + 3);
        String origin = text.substring(0, authorityEnd);
        if (origin.contains("{") || origin.contains("}")) {
            throw new IllegalArgumentException("url placeholders may stand in the path and query only, not in the scheme, "
                    + "host or port: '" + origin + "'");
        }
        URI check = URI.create(origin);
        if (check.getHost() == null || check.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must name a host (and no user:password), not '" + origin + "'");
        }
        int queryStart = firstOf(text, "?#", authorityEnd);
        int fragmentStart = firstOf(text, "#", queryStart);
        return new UrlTemplate(origin, text.substring(authorityEnd, queryStart),
                queryStart < fragmentStart ? text.substring(queryStart + 1, fragmentStart) : null,
                fragmentStart < text.length() ? text.substring(fragmentStart + 1) : null);
    }

    /** The address with every value encoded for its component; IllegalArgumentException when it is not a usable URL. */
    public URI render(Map<String, Object> facts) {
        String renderedPath = Templates.render(path, facts, ValueEncoding.URL_PATH);
        for (String segment : renderedPath.split("/", -1)) {
            String plain = segment.replaceAll("(?i)%2e", ".");
            if (plain.equals(".") || plain.equals("..")) {
                throw new IllegalArgumentException("url path has a '" + segment + "' segment after rendering: " + renderedPath);
            }
        }
        StringBuilder url = new StringBuilder(origin).append(renderedPath);
        if (query != null) {
            url.append('?').append(Templates.render(query, facts, ValueEncoding.URL_QUERY));
        }
        if (fragment != null) {
            url.append('#').append(Templates.render(fragment, facts, ValueEncoding.URL_QUERY));
        }
        return URI.create(url.toString());
    }

    /** The index of the first of the characters outside {placeholders}, or the text's length. */
    private static int firstOf(String text, String chars, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
            if (depth == 0 && chars.indexOf(c) >= 0) {
                return i;
            }
        }
        return text.length();
    }
}
