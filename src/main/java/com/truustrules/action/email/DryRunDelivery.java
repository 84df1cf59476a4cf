package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * The dry-run switch (on in dev mode): the mail is composed, so templates and addresses are checked,
 * then written as .eml (text and HTML parts) to {@code outbox/dry-run/} for reading and logged, never
 * sent. A folder of its own, so a program that sends the outbox's files never sends a dry run's.
 */
final class DryRunDelivery implements Delivery {

    private static final Logger LOG = Logger.getLogger(DryRunDelivery.class);

    private final Path dir;
    private final OutboxDelivery files;

    /** @param outbox the outbox folder; the rendered mails go to its dry-run/ folder */
    DryRunDelivery(Path outbox) {
        this.dir = outbox.resolve("dry-run");
        this.files = new OutboxDelivery(dir);
    }

    @Override
    public String name() {
        return "dry-run";
    }

    @Override
    public void deliver(KeyedMessage message, ActionContext.Sending sending) throws MessagingException, IOException {
        files.deliver(message, sending);
        LOG.infof("dry run, mail not sent: to=%s subject=\"%s\" message-id=%s; rendered mail in %s",
                Arrays.toString(message.getAllRecipients()), message.getSubject(), message.id(),
                dir.resolve(message.fileName()).toAbsolutePath().normalize());
    }
}
