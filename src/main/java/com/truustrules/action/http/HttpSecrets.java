package com.truustrules.action.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Secrets of an http action (its signing secret, header values) given as {@code env:NAME}: the rule
 * and the stored job hold the name, the value is read from the environment only when the call is
 * made. The service's own settings (TRUUST_*, QUARKUS_*) cannot be named, so a rule cannot send the
 * admin token or the database password to another system.
 */
public final class HttpSecrets {

    public static final String PREFIX = "env:";
    private static final Set<String> SHOWN_HEADERS = Set.of("content-type", "accept");
    private static final String SENSITIVE = "(?i).*(auth|token|secret|key|password|passwd|signature|cookie|session|credential).*";

    private HttpSecrets() {
    }

    /** The environment variable a setting refers to, if it is an {@code env:NAME} reference. */
    public static Optional<String> reference(Object setting) {
        return setting instanceof String text && text.strip().startsWith(PREFIX)
                ? Optional.of(text.strip().substring(PREFIX.length())) : Optional.empty();
    }

    /** What is wrong with a reference at load time (bad name, reserved, unset), or empty when it can be used. */
    public static Optional<String> problem(String name, Function<String, String> environment) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return Optional.of("'" + PREFIX + name + "' does not name an environment variable (letters, digits, '_')");
        }
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("TRUUST_") || upper.startsWith("QUARKUS_")) {
            return Optional.of("'" + PREFIX + name + "' names a setting of the service itself, which a rule may not send out");
        }
        return environment.apply(name) == null
                ? Optional.of("environment variable " + name + " (from '" + PREFIX + name + "') is not set") : Optional.empty();
    }

    /** The value to send: a reference read from the environment now, a literal as written. */
    static String resolve(String setting) {
        Optional<String> name = reference(setting);
        if (name.isEmpty()) {
            return setting;
        }
        String value = System.getenv(name.get());
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name.get() + " is not set");
        }
        return value;
    }

    /** Whether a literal value of this header is likely a credential (a load warning names it). */
    public static boolean sensitiveHeader(String name) {
        return name.matches(SENSITIVE);
    }

    /** What an API shows of a setting: a reference as it is, a literal as [redacted]. */
    public static Object shown(Object setting) {
        return reference(setting).isPresent() ? setting : Redaction.MARK;
    }

    /** What an API shows of a header value: content type and accept as written, others as {@link #shown}. */
    public static Object shownHeader(String name, Object value) {
        return SHOWN_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? value : shown(value);
    }

    /** An action's settings as an API shows them: secrets and header values redacted unless they are env: references. */
    public static Map<String, Object> shownSpec(Map<String, Object> spec) {
        Map<String, Object> shown = new LinkedHashMap<>(spec);
        shown.computeIfPresent("secret", (key, value) -> shown(value));
        shown.computeIfPresent("url", (key, value) -> Redaction.text(String.valueOf(value)));
        if (spec.get("headers") instanceof Map<?, ?> headers) {
            Map<String, Object> shownHeaders = new LinkedHashMap<>();
            headers.forEach((name, value) -> shownHeaders.put(String.valueOf(name), shownHeader(String.valueOf(name), value)));
            shown.put("headers", shownHeaders);
        }
        return shown;
    }
}
