package com.truustrules.action.chat;

import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Chat webhook URLs are secrets (whoever has one can post to the channel), so a rule names the
 * environment variable that holds one, never the URL. The variable is read from the environment,
 * or from a system property or configuration value of exactly that name (how tests and
 * -DNAME=... pass it). Messages never show the value.
 */
public final class ChatWebhooks {

    private static final String NAME = "[A-Z_][A-Z0-9_]*";

    private ChatWebhooks() {
    }

    /** The URL the variable holds, when it is set and not blank. */
    public static Optional<String> url(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            value = ConfigProvider.getConfig().getOptionalValue(variable, String.class).orElse(null);
        }
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** What is wrong with a 'webhook' setting, or empty when it names a variable that holds an http(s) URL. */
    public static Optional<String> problem(String variable, boolean optional) {
        if (!variable.matches(NAME)) {
            return Optional.of("'webhook' is the name of an environment variable that holds the URL (upper-case letters, "
                    + "digits and '_', such as TRUUST_CHAT_OPS_WEBHOOK), never the URL itself");
        }
        Optional<String> url = url(variable);
        if (url.isEmpty()) {
            return optional ? Optional.empty() : Optional.of("environment variable " + variable + " is not set "
                    + "(or add 'optional: true' to skip the message while it is unset)");
        }
        return isHttpUrl(url.get()) ? Optional.empty()
                : Optional.of("environment variable " + variable + " does not hold an http:// or https:// URL");
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
