package com.truustrules.action;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The things a fired rule can do, with the keys each one takes. */
public enum ActionKind {
    PROMO_CODE("promo-code", Set.of("pool"), Set.of()),
    EMAIL("email", Set.of("to", "subject", "template"), Set.of("cc", "bcc", "reply-to")),
    HTTP("http", Set.of("url"), Set.of("method", "headers", "body", "secret", "timeout")),
    LOG("log", Set.of("message"), Set.of("level")),
    REPORT("report", Set.of("to"), Set.of("subject")),
    SMS("sms", Set.of("to", "text"), Set.of()),
    CHAT("chat", Set.of("webhook", "text"), Set.of("blocks", "optional"));

    private final String key;
    private final Set<String> required;
    private final Set<String> optional;

    ActionKind(String key, Set<String> required, Set<String> optional) {
        this.key = key;
        this.required = required;
        this.optional = optional;
    }

    public String key() {
        return key;
    }

    public Set<String> required() {
        return required;
    }

    public boolean accepts(String param) {
        return required.contains(param) || optional.contains(param);
    }

    /** Every setting this action takes, sorted, for error messages. */
    public String params() {
        return String.join(", ", java.util.stream.Stream.concat(required.stream(), optional.stream()).sorted().toList());
    }

    public static Optional<ActionKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(ActionKind::key).toList());
    }
}
