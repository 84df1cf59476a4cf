package com.truustrules.action.sms;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import java.io.IOException;
import java.time.Instant;

/** Where a text goes: Twilio, a generic HTTP gateway, the outbox folder, or only the log (dry run). */
interface SmsProvider {

    /** How the job's result names this provider. */
    String name();

    /**
     * Hands the text over and says how that went. A provider whose repeat would reach the phone calls
     * {@code sending} right before the request leaves, so a crash after it leaves the job in doubt.
     */
    ActionOutcome send(SmsMessage message, ActionContext.Sending sending, Instant now) throws IOException, InterruptedException;
}
