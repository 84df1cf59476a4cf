package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import jakarta.mail.MessagingException;
import java.io.IOException;

/** Where a composed mail goes: an SMTP server, the outbox folder, or only the log (dry run). */
interface Delivery {

    /** How the result names this delivery: smtp, outbox or dry-run. */
    String name();

    /**
     * Hands the message over; an exception means it may not have arrived and the job is retried or
     * failed. A delivery whose repeat reaches the recipient calls {@code sending} right before it does.
     */
    void deliver(KeyedMessage message, ActionContext.Sending sending) throws MessagingException, IOException;
}
