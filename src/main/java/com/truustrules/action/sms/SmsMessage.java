package com.truustrules.action.sms;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import com.truustrules.common.Hashing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One text ready to go: its number in E.164, the rendered text, its segments, and an id derived from
 * the job's idempotency key, so every attempt at one job carries the same id.
 */
record SmsMessage(String id, String to, String text, SmsSegments segments) {

    /** Renders and checks the action's settings; IllegalArgumentException for what no retry can fix. */
    static SmsMessage of(ActionContext context, Optional<String> defaultPrefix) {
        String to = PhoneNumbers.e164(context.text("to"), defaultPrefix);
        String text = context.text("text");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the text is empty");
        }
        return new SmsMessage("sms-" + Hashing.sha256Hex(context.idempotencyKey()).substring(0, 32), to, text,
                SmsSegments.of(text));
    }

    /** The job's result: number, segments, how it went and the provider's id for it, when it gave one. */
    ActionOutcome done(String via, String providerId) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("to", to);
        result.put("segments", segments.segments());
        result.put("encoding", segments.encoding());
        result.put("via", via);
        result.put("messageId", providerId == null ? id : providerId);
        return ActionOutcome.done(result);
    }
}
