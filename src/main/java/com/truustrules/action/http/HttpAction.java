package com.truustrules.action.http;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Setting;
import com.truustrules.action.Setting.Type;
import com.truustrules.action.ValueEncoding;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The http action: url (a template), method, headers (env: references allowed), body (a text or a
 * mapping), secret (signs the request) and timeout (an ISO-8601 duration). Everything a request
 * needs that does not depend on the event is checked here, so that the runner fails only on what
 * the event's values make of it.
 */
public final class HttpAction implements ActionType {

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /** Headers the JDK client sets itself and refuses from a caller (jdk.httpclient.allowRestrictedHeaders). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** RFC 9110 token: what a header name may be made of. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("url"), Setting.optional("method"),
                Setting.optional("headers", Type.MAPPING, "a mapping of names to values"),
                Setting.optional("body", Type.ANY, "a text or a mapping"), Setting.optional("secret"), Setting.optional("timeout"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        try {
            UrlTemplate.parse(settings.get("url").toString());
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("'http' " + e.getMessage());
        }
        Object method = settings.getOrDefault("method", "POST");
        if (method == null || !METHODS.contains(method.toString().toUpperCase(Locale.ROOT))) {
            throw new InvalidSetting("'http' method must be one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        if (settings.containsKey("timeout")) {
            checkTimeout(settings.get("timeout"));
        }
        if (settings.containsKey("secret")) {
            checkSecret("secret", settings.get("secret"), true, load);
        }
        Map<?, ?> headers = settings.get("headers") instanceof Map<?, ?> map ? map : Map.of();
        for (Map.Entry<?, ?> header : headers.entrySet()) {
            String name = String.valueOf(header.getKey());
            checkHeaderName(name);
            checkSecret("header " + name, header.getValue(), HttpSecrets.sensitiveHeader(name), load);
        }
        checkFormBody(headers, settings.get("body"));
    }

    /** The same parse the runner does, with a cap no setting reaches, so that only the value is judged here. */
    private static void checkTimeout(Object timeout) throws InvalidSetting {
        try {
            OutgoingCall.timeout(timeout, Duration.ofDays(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidSetting("'http' " + e.getMessage());
        }
    }

    private static void checkHeaderName(String name) throws InvalidSetting {
        if (!name.matches(TOKEN)) {
            throw new InvalidSetting("'http' header '" + name + "' is not a header name (letters, digits and !#$%&'*+.^_`|~-)");
        }
        if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidSetting("'http' header " + name + " is set by the HTTP client itself; leave it out");
        }
    }

    /** A form body is fields of texts: a mapping body with a nested value could never be sent. */
    private static void checkFormBody(Map<?, ?> headers, Object body) throws InvalidSetting {
        Optional<String> type = headers.entrySet().stream().filter(h -> "Content-Type".equalsIgnoreCase(String.valueOf(h.getKey())))
                .map(h -> String.valueOf(h.getValue())).findFirst();
        if (type.flatMap(OutgoingCall::encodingFor).orElse(null) != ValueEncoding.FORM || body == null || body instanceof String) {
            return;
        }
        if (!(body instanceof Map<?, ?> fields)) {
            throw new InvalidSetting("'http' a form body must be a mapping of field names to values");
        }
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (field.getValue() instanceof Map || field.getValue() instanceof List) {
                throw new InvalidSetting("'http' form field '" + field.getKey() + "' must be a text, number or boolean");
            }
        }
    }

    /** An env: reference must be usable now; a literal credential works but is worth a warning. */
    private static void checkSecret(String setting, Object value, boolean credential, LoadCheck load) throws InvalidSetting {
        Optional<String> name = HttpSecrets.reference(value);
        if (name.isPresent()) {
            Optional<String> problem = HttpSecrets.problem(name.get(), load.environment());
            if (problem.isPresent()) {
                throw new InvalidSetting("'http' " + setting + ": " + problem.get());
            }
        } else if (credential) {
            load.warnings().accept("'http' " + setting + " is written in the rule file; refer to it as "
                    + HttpSecrets.PREFIX + "NAME and set the environment variable NAME instead");
        }
    }
}
