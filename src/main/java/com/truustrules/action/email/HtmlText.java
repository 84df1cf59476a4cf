package com.truustrules.action.email;

import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-text alternative of an HTML mail: what a reader sees, with paragraphs and line breaks
 * kept, list items as "- ", and each link followed by its address. Entities are decoded last, so
 * escaped markup from the facts stays text and never becomes a tag.
 */
final class HtmlText {

    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>");
    private static final Pattern LINE_BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern BLOCK = Pattern.compile("(?i)</?(?:p|div|h[1-6]|ul|ol|table|tr|blockquote|pre|hr|section|article|header|footer)\\b[^>]*>");
    private static final Pattern CELL_END = Pattern.compile("(?i)</t[dh]\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");
    private static final Pattern BLANK_LINES = Pattern.compile("\n{3,}");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ", "euro", "€", "copy", "©", "hellip", "…", "ndash", "–");

    private HtmlText() {
    }

    static String of(String html) {
        String text = INVISIBLE.matcher(html).replaceAll("");
        text = WHITESPACE.matcher(text).replaceAll(" ");
        text = LINK.matcher(text).replaceAll(HtmlText::link);
        text = LINE_BREAK.matcher(text).replaceAll("\n");
        text = ITEM.matcher(text).replaceAll("\n- ");
        text = BLOCK.matcher(text).replaceAll("\n\n");
        text = CELL_END.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll("");
        text = ENTITY.matcher(text).replaceAll(HtmlText::decode);
        return tidy(text);
    }

    /** "text (address)", or only the address when the text is the address already. */
    private static String link(MatchResult link) {
        String href = link.group(1) != null ? link.group(1) : link.group(2);
        String label = TAG.matcher(link.group(3)).replaceAll("").strip();
        String shown = label.isEmpty() || label.equals(href) ? href : label + " (" + href + ")";
        return Matcher.quoteReplacement(shown);
    }

    private static String decode(MatchResult entity) {
        String name = entity.group(1);
        String decoded;
        if (name.startsWith("#x") || name.startsWith("#X")) {
            decoded = codePoint(Integer.parseInt(name.substring(2), 16));
        } else if (name.startsWith("#")) {
            decoded = codePoint(Integer.parseInt(name.substring(1)));
        } else {
            decoded = NAMED.getOrDefault(name, entity.group());
        }
        return Matcher.quoteReplacement(decoded);
    }

    private static String codePoint(int code) {
        return Character.isValidCodePoint(code) ? Character.toString(code) : "\uFFFD";
    }

    /** Trims every line and keeps at most one blank line between paragraphs. */
    private static String tidy(String text) {
        StringBuilder lines = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            lines.append(line.strip()).append('\n');
        }
        return BLANK_LINES.matcher(lines).replaceAll("\n\n").strip();
    }
}
