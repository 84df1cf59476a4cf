package com.truustrules.common;

import jakarta.mail.internet.AddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The recipients a rule author writes in {@code to}, {@code cc}, {@code bcc} or {@code reply-to}: a comma
 * list whose every entry is either a plain address ({@code ops@example.com}) or one placeholder alone
 * ({@code {escrow.metadata.buyer_email}}). Since a placeholder is a whole entry and its value must be
 * one plain address ({@link MailAddress#single}), a rendered list holds exactly the entries the author
 * wrote: event data can fill a slot, never add one.
 */
public final class MailRecipients {

    /** A placeholder entry: one Qute value expression, not a section ({#if}) or a comment ({! !}). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z_][^{}]*}");

    private MailRecipients() {
    }

    /** One entry of the list; {@code text} is the address or the placeholder with its braces. */
    public record Entry(String text, boolean placeholder) {
    }

    /**
     * The entries of a setting as written, each literal address checked.
     *
     * @throws AddressException naming the entry that is neither a plain address nor one placeholder alone
     */
    public static List<Entry> parse(String setting) throws AddressException {
        List<Entry> entries = new ArrayList<>();
        for (String part : split(setting == null ? "" : setting)) {
            String text = part.strip();
            if (text.isEmpty()) {
                throw new AddressException("has an empty entry: write addresses or placeholders separated by single commas");
            }
            if (PLACEHOLDER.matcher(text).matches()) {
                entries.add(new Entry(text, true));
            } else if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
                throw new AddressException("'" + text + "' mixes a placeholder with other text: a placeholder "
                        + "must stand alone as one entry, and its value must be one plain address");
            } else {
                entries.add(new Entry(MailAddress.single(text), false));
            }
        }
        return entries;
    }

    /** The setting cut at commas outside placeholders (a placeholder may hold a quoted comma). */
    private static List<String> split(String setting) {
        List<String> parts = new ArrayList<>();
        if (setting.isBlank()) {
            return parts;
        }
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < setting.length(); i++) {
            char c = setting.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (depth > 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(setting.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(setting.substring(start));
        return parts;
    }
}
