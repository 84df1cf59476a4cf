package com.truustrules.action.log;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Setting;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/** The log action: message (a template) and level, one of the logger's levels (info unless given). */
public final class LogAction implements ActionType {

    static final String DEFAULT_LEVEL = "info";

    @Override
    public String name() {
        return "log";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("message"), Setting.optional("level"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        if (settings.containsKey("level")) {
            Object level = settings.get("level");
            try {
                level(Objects.requireNonNull(level));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidSetting("'log' level must be one of " + levels() + ", not '" + level + "'");
            }
        }
    }

    /** The level a setting names, in any case; the runner reads a setting this check let through. */
    static Logger.Level level(Object setting) {
        return Logger.Level.valueOf(String.valueOf(setting == null ? DEFAULT_LEVEL : setting).strip().toUpperCase(Locale.ROOT));
    }

    private static String levels() {
        return String.join(", ", Arrays.stream(Logger.Level.values()).map(l -> l.name().toLowerCase(Locale.ROOT)).toList());
    }
}
