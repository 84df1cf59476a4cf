package com.truustrules.rule;

import com.truustrules.action.chat.ChatWebhooks;
import com.truustrules.action.sms.PhoneNumbers;
import com.truustrules.action.sms.SmsSegments;
import com.truustrules.rule.YamlNodes.YamlException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Load-time checks of the sms and chat actions, beyond the keys and templates every action gets. */
final class NotifyChecks {

    private NotifyChecks() {
    }

    /**
     * A literal number must be valid; a text whose literal part alone takes more than one SMS is warned about.
     *
     * @return the warning, or empty
     */
    static Optional<String> sms(Map<String, Object> params, int line) throws YamlException {
        String to = params.get("to").toString();
        // Only a number written out with its country code can be checked here: the default prefix is the service's setting.
        if (!to.contains("{") && (to.strip().startsWith("+") || to.strip().startsWith("00"))) {
            try {
                PhoneNumbers.e164(to, Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new YamlException(line, "'sms' to: " + e.getMessage());
            }
        }
        String literal = params.get("text").toString().replaceAll("\\{[^{}]*}", "");
        SmsSegments segments = SmsSegments.of(literal);
        if (segments.segments() <= 1) {
            return Optional.empty();
        }
        return Optional.of("'sms' text is " + segments.units() + " " + segments.encoding()
                + " characters before any value is filled in: more than one SMS holds (" + segments.singleLimit()
                + "), so it is sent as " + (params.get("text").toString().contains("{") ? "at least " : "")
                + segments.segments() + " parts, each charged");
    }

    /** 'webhook' names a set variable holding an http(s) URL (unless optional); blocks are Slack's list of blocks. */
    static void chat(Map<String, Object> params, int line) throws YamlException {
        Object optional = params.getOrDefault("optional", false);
        if (!(optional instanceof Boolean)) {
            throw new YamlException(line, "'chat' optional must be true or false");
        }
        Optional<String> problem = ChatWebhooks.problem(params.get("webhook").toString(), (Boolean) optional);
        if (problem.isPresent()) {
            throw new YamlException(line, "'chat' " + problem.get());
        }
        Object blocks = params.get("blocks");
        if (blocks != null && !(blocks instanceof List) && !(blocks instanceof Map)) {
            throw new YamlException(line, "'chat' blocks must be a list of Slack blocks (or one block, a mapping)");
        }
    }
}
