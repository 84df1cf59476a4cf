package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import jakarta.mail.MessagingException;
import java.util.Arrays;
import org.jboss.logging.Logger;

/** The dry-run switch (on in dev mode): the mail is composed, so templates and addresses are checked, then only logged. */
final class DryRunDelivery implements Delivery {

    private static final Logger LOG = Logger.getLogger(DryRunDelivery.class);

    @Override
    public String name() {
        return "dry-run";
    }

    @Override
    public void deliver(KeyedMessage message, ActionContext.Sending sending) throws MessagingException {
        LOG.infof("dry run, mail not sent: to=%s subject=\"%s\" message-id=%s",
                Arrays.toString(message.getAllRecipients()), message.getSubject(), message.id());
    }
}
