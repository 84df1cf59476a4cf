package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionSpec;
import com.truustrules.action.ActionsLoaded;
import com.truustrules.action.Recipients;
import com.truustrules.action.Templates;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Builds the mail of an email action: addresses and subject rendered from the rule's settings, the
 * body from rules/templates/&lt;template&gt;.html (values HTML-escaped) with a plain-text alternative.
 */
final class EmailComposer {

    private static final Logger LOG = Logger.getLogger(EmailComposer.class);
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");

    private final Session session;
    private final InternetAddress from;
    private final Path templates;
    private volatile Map<String, String> loaded = Map.of();

    /** @param rulesDir the rules folder, whose templates/ holds the bodies */
    EmailComposer(Session session, InternetAddress from, Path rulesDir) {
        this.session = session;
        this.from = from;
        this.templates = rulesDir.resolve("templates");
    }

    /**
     * @throws AddressException when an address is missing or invalid after rendering: trying again will not help
     * @throws IOException when the template cannot be read (e.g. removed since the rules were loaded)
     */
    KeyedMessage compose(ActionContext context) throws MessagingException, IOException {
        KeyedMessage message = new KeyedMessage(session, context.idempotencyKey());
        message.setFrom(from);
        message.setRecipients(RecipientType.TO, addresses(context, "to", true));
        message.setRecipients(RecipientType.CC, addresses(context, "cc", false));
        message.setRecipients(RecipientType.BCC, addresses(context, "bcc", false));
        message.setReplyTo(addresses(context, "reply-to", false));
        message.setSubject(oneLine(context.text("subject")), "UTF-8");
        message.setSentDate(Date.from(context.now()));
        message.setHeader("X-Truust-Rule", context.ruleId());
        message.setContent(bodies(Templates.renderHtml(template(context), context.facts())));
        message.saveChanges();
        return message;
    }

    /** A plain-text mail with one attachment (the daily report); addresses and subject as for any mail. */
    KeyedMessage composeWithAttachment(ActionContext context, String text, String fileName, String mimeType, byte[] data)
            throws MessagingException {
        KeyedMessage message = new KeyedMessage(session, context.idempotencyKey());
        message.setFrom(from);
        message.setRecipients(RecipientType.TO, addresses(context, "to", true));
        message.setSubject(oneLine(context.text("subject")), "UTF-8");
        message.setSentDate(Date.from(context.now()));
        message.setHeader("X-Truust-Rule", context.ruleId());
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8", "plain");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(data, mimeType)));
        attachment.setFileName(fileName);
        message.setContent(new MimeMultipart("mixed", body, attachment));
        message.saveChanges();
        return message;
    }

    /** The addresses of a setting, each entry as the rule wrote it (see Recipients); none when an optional one is absent. */
    private static InternetAddress[] addresses(ActionContext context, String setting, boolean required)
            throws AddressException {
        List<InternetAddress> addresses = new ArrayList<>();
        for (String address : Recipients.of(context.spec(), setting, context.facts(), required)) {
            addresses.add(new InternetAddress(address, true));
        }
        return addresses.toArray(InternetAddress[]::new);
    }

    /**
     * Keeps the bodies of a rule set that has just passed validation. Mails use these texts, so an edit
     * that fails the next reload never reaches a customer; bodies of earlier sets stay for queued jobs.
     */
    void useTemplatesOf(List<ActionsLoaded.RuleActions> rules) {
        Map<String, String> texts = new HashMap<>(loaded);
        for (ActionsLoaded.RuleActions rule : rules) {
            for (ActionSpec action : rule.actions()) {
                if (action.kind() == ActionKind.EMAIL) {
                    keep(texts, rule.ruleId(), action.param("template"));
                }
            }
        }
        loaded = Map.copyOf(texts);
    }

    private void keep(Map<String, String> texts, String ruleId, String name) {
        try {
            texts.put(name, read(name));
        } catch (IOException e) {
            LOG.warnf("template of rule %s not kept: %s", ruleId, e.getMessage());
        }
    }

    /** The body as validated with the active rules; read from the folder only when no rule set named it. */
    private String template(ActionContext context) throws IOException {
        String name = String.valueOf(context.spec().get("template"));
        String text = loaded.get(name);
        return text != null ? text : read(name);
    }

    private String read(String name) throws IOException {
        if (!TEMPLATE_NAME.matcher(name).matches()) {
            throw new IOException("a template name is letters, digits, '-' and '_', not '" + name + "'");
        }
        try {
            return Files.readString(templates.resolve(name + ".html"));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("e-mail template '" + name + "' has no file templates/" + name + ".html");
        }
    }

    /** multipart/alternative: plain text first, HTML last, as clients take the last part they can show. */
    private static MimeMultipart bodies(String html) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(HtmlText.of(html), "UTF-8", "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        return new MimeMultipart("alternative", text, rich);
    }

    /** A subject is one header line: line breaks from the facts would otherwise start new headers. */
    private static String oneLine(String subject) {
        return subject == null ? "" : CONTROL.matcher(subject).replaceAll(" ").strip();
    }
}
