package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.action.ActionsLoaded;
import com.truustrules.config.TruustConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The email action: composes the mail and sends it over SMTP, writes it to the outbox folder when no
 * SMTP host is set, or only logs it (and writes it to outbox/dry-run/) in dry-run mode.
 *
 * <p><b>Never twice after a crash.</b> Over SMTP, once connected and right before the mail is
 * handed over, the attempt is written down as sending ({@link ActionContext#sending()}); the outcome
 * clears the mark. If the instance dies in between, the job is not sent again but
 * left DEAD "in doubt" for a person (the buyer may have the mail). A database outage in between does
 * not repeat it either: the dispatcher holds the outcome until it can record it. What remains is a
 * lost answer: when the server's 250 to the end of DATA never arrives (read timeout), the attempt
 * fails and is retried, and the server may then have two copies. Every copy carries the same
 * Message-ID, {@code <sha256(idempotency key)@truust-rules>}, so the receiving side can recognise
 * and drop the repeat. The lease (truust.actions.lease) must outlast a whole SMTP exchange, or a
 * second instance could take the job over while the first is still sending: each server answer may
 * take up to the SMTP timeout, and an exchange has about six of them (a dozen with STARTTLS and AUTH).
 */
@ApplicationScoped
public class SendEmail implements ActionRunner {

    private static final Logger LOG = Logger.getLogger(SendEmail.class);

    @Inject
    TruustConfig config;

    private EmailComposer composer;
    private Delivery delivery;

    public SendEmail() {
    }

    /** For tests without the container. */
    SendEmail(TruustConfig.Mail mail, Path rulesDir, Path dataDir, Properties smtpOverrides) {
        configure(mail, rulesDir, dataDir, smtpOverrides);
    }

    @PostConstruct
    void start() {
        configure(config.mail(), Path.of(config.rules().dir()), Path.of(config.dataDir()), new Properties());
        warnIfLeaseTooShort(config.actions().lease(), config.mail().smtp().timeout());
        LOG.infof("e-mail actions go to %s", describe(config.mail(), Path.of(config.dataDir())));
    }

    /** Says QUIT on the SMTP connections the workers kept open. */
    @PreDestroy
    void stop() {
        if (delivery instanceof SmtpDelivery smtp) {
            smtp.close();
        }
    }

    private void configure(TruustConfig.Mail mail, Path rulesDir, Path dataDir, Properties smtpOverrides) {
        Session session;
        if (mail.smtp().host().filter(host -> !host.isBlank()).isPresent()) {
            SmtpDelivery smtp = new SmtpDelivery(mail.smtp(), smtpOverrides);
            session = smtp.session();
            delivery = mail.dryRun() ? new DryRunDelivery(outbox(dataDir)) : smtp;
        } else {
            session = Session.getInstance(new Properties());
            delivery = mail.dryRun() ? new DryRunDelivery(outbox(dataDir)) : new OutboxDelivery(outbox(dataDir));
        }
        composer = new EmailComposer(session, sender(mail.from()), rulesDir);
    }

    /** Runs inside the reload (a synchronous event): it must never throw, or it would fail a valid reload. */
    void onRulesLoaded(@Observes ActionsLoaded loaded) {
        try {
            composer.useTemplatesOf(loaded.rules());
        } catch (RuntimeException e) {
            LOG.errorf(e, "e-mail templates of rules version %s not kept", loaded.version());
        }
    }

    @Override
    public ActionKind kind() {
        return ActionKind.EMAIL;
    }


    @Override
    public ActionOutcome run(ActionContext context) throws MessagingException, IOException {
        KeyedMessage message;
        try {
            message = composer.compose(context);
        } catch (AddressException e) {
            return ActionOutcome.failed("invalid address: " + e.getMessage());
        }
        return deliver(message, context.sending());
    }

    /** Sends a plain-text mail with one attachment through the same delivery as every mail (SMTP, outbox, log). */
    public ActionOutcome sendWithAttachment(ActionContext context, String text, String fileName, String mimeType,
            byte[] data) throws MessagingException, IOException {
        KeyedMessage message;
        try {
            message = composer.composeWithAttachment(context, text, fileName, mimeType, data);
        } catch (AddressException e) {
            return ActionOutcome.failed("invalid address: " + e.getMessage());
        }
        return deliver(message, context.sending());
    }

    private ActionOutcome deliver(KeyedMessage message, ActionContext.Sending sending) throws MessagingException, IOException {
        try {
            delivery.deliver(message, sending);
        } catch (MessagingException e) {
            return SmtpFailures.outcome(e);
        }
        return ActionOutcome.done(Map.of("messageId", message.id(), "to", recipients(message), "via", delivery.name()));
    }

    private static String recipients(KeyedMessage message) throws MessagingException {
        Address[] to = message.getRecipients(RecipientType.TO);
        return Arrays.stream(to).map(address -> ((InternetAddress) address).getAddress()).collect(Collectors.joining(", "));
    }

    static Path outbox(Path dataDir) {
        return dataDir.resolve("outbox");
    }

    private static InternetAddress sender(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException("TRUUST_MAIL_FROM is not a valid address: '" + from + "': " + e.getMessage(), e);
        }
    }

    private static String describe(TruustConfig.Mail mail, Path dataDir) {
        String target = mail.smtp().host().filter(host -> !host.isBlank())
                .map(host -> "SMTP " + host + ":" + mail.smtp().port() + " (tls " + mail.smtp().tls() + ")")
                .orElse("the outbox " + outbox(dataDir).toAbsolutePath());
        return mail.dryRun() ? "the log and " + outbox(dataDir).resolve("dry-run").toAbsolutePath().normalize() + " only (dry run; otherwise "
                + target + ")" : target;
    }

    /**
     * Every answer of an SMTP exchange may take the timeout; with a lease shorter than the exchange,
     * another instance takes the job over mid-send and, finding it marked as sending, leaves it in doubt.
     */
    private static void warnIfLeaseTooShort(Duration lease, Duration smtpTimeout) {
        if (lease.compareTo(smtpTimeout.multipliedBy(6)) <= 0) {
            LOG.warnf("truust.actions.lease (%s) is not longer than six SMTP timeouts (%s each): a slow send may be "
                    + "taken over by another instance and then reported in doubt", lease, smtpTimeout);
        }
    }
}
