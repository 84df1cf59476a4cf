package com.truustrules.action.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack-compatible chats read &lt;...&gt; in a message as a link or a mention (&lt;!channel&gt;), so
 * the values from event data are escaped as Slack asks (&amp;, &lt;, &gt;) before they are put in a
 * template; the rule's own text keeps its links and mentions. The chat shows the value as it was.
 */
final class SlackText {

    private SlackText() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A copy of the facts whose texts, at any depth, are escaped. */
    @SuppressWarnings("unchecked")
    static <T> T escaped(T value) {
        if (value instanceof String text) {
            return (T) escape(text);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put(key, escaped(item)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(escaped(item)));
            return (T) out;
        }
        return value;
    }
}
