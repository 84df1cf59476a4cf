package com.truustrules.action;

import com.truustrules.action.chat.ChatAction;
import com.truustrules.action.email.EmailAction;
import com.truustrules.action.http.HttpAction;
import com.truustrules.action.log.LogAction;
import com.truustrules.action.promo.PromoCodeAction;
import com.truustrules.action.report.ReportAction;
import com.truustrules.action.sms.SmsAction;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry of the things a fired rule can do: one line per kind, naming the {@link ActionType}
 * in the kind's own package, which holds its name, settings and load check (its runner is a CDI
 * bean beside it). A plain list, not a classpath scan, so that a native build sees every kind.
 */
public enum ActionKind {
    PROMO_CODE(new PromoCodeAction()),
    EMAIL(new EmailAction()),
    HTTP(new HttpAction()),
    LOG(new LogAction()),
    REPORT(new ReportAction()),
    SMS(new SmsAction()),
    CHAT(new ChatAction());

    private final ActionType type;

    ActionKind(ActionType type) {
        this.type = type;
    }

    public String key() {
        return type.name();
    }

    public ActionType type() {
        return type;
    }

    public Set<String> required() {
        return type.settings().stream().filter(Setting::required).map(Setting::name).collect(Collectors.toUnmodifiableSet());
    }

    public Optional<Setting> setting(String name) {
        return type.settings().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public boolean accepts(String param) {
        return setting(param).isPresent();
    }

    /** Every setting this action takes, sorted, for error messages. */
    public String params() {
        return String.join(", ", type.settings().stream().map(Setting::name).sorted().toList());
    }

    public static Optional<ActionKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(ActionKind::key).toList());
    }
}
