package com.truustrules.action.sms;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionOutcome;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The dry-run switch (on in dev mode): the text is rendered and its number checked, then only logged. */
final class DryRunSms implements SmsProvider {

    private static final Logger LOG = Logger.getLogger(DryRunSms.class);

    @Override
    public String name() {
        return "dry-run";
    }

    @Override
    public ActionOutcome send(SmsMessage message, ActionContext.Sending sending, Instant now) {
        LOG.infof("dry run, text not sent: to=%s segments=%d id=%s", message.to(), message.segments().segments(), message.id());
        return message.done(name(), null);
    }
}
