package com.truustrules.action.sms;

import com.truustrules.action.ActionType;
import com.truustrules.action.InvalidSetting;
import com.truustrules.action.LoadCheck;
import com.truustrules.action.Setting;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sms action: 'to' and 'text', both templates. A literal number must be valid; a text whose
 * literal part alone takes more than one SMS is warned about.
 */
public final class SmsAction implements ActionType {

    @Override
    public String name() {
        return "sms";
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.required("to"), Setting.required("text"));
    }

    @Override
    public void check(Map<String, Object> settings, LoadCheck load) throws InvalidSetting {
        String to = settings.get("to").toString();
        // Only a number written out with its country code can be checked here: the default prefix is the service's setting.
        if (!to.contains("{") && (to.strip().startsWith("+") || to.strip().startsWith("00"))) {
            try {
                PhoneNumbers.e164(to, Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting("'sms' to: " + e.getMessage());
            }
        }
        String text = settings.get("text").toString();
        SmsSegments segments = SmsSegments.of(text.replaceAll("\\{[^{}]*}", ""));
        if (segments.segments() > 1) {
            load.warnings().accept("'sms' text is " + segments.units() + " " + segments.encoding()
                    + " characters before any value is filled in: more than one SMS holds (" + segments.singleLimit()
                    + "), so it is sent as " + (text.contains("{") ? "at least " : "") + segments.segments() + " parts, each charged");
        }
    }
}
