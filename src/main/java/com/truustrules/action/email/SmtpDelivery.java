package com.truustrules.action.email;

import com.truustrules.action.ActionContext;
import com.truustrules.config.TruustConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends through the configured SMTP server. Each action worker keeps its own connection open between
 * mails: connecting, the greeting, EHLO, STARTTLS and AUTH cost several round trips, more than the
 * mail itself. A connection that failed is closed, so the next mail (or the job's retry) starts a
 * fresh one; one idle for a while is checked (NOOP) first, as servers drop idle clients.
 */
final class SmtpDelivery implements Delivery, AutoCloseable {

    /** Idle longer than this, a kept connection is checked before use. */
    private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** A worker's kept connection and when it was last used. */
    private static final class Kept {
        Transport transport;
        long lastUsed;
    }

    private final Session session;
    private final String username;
    private final String password;
    private final ThreadLocal<Kept> kept = ThreadLocal.withInitial(Kept::new);
    /** Every open connection, to say QUIT to at shutdown. */
    private final Set<Transport> open = ConcurrentHashMap.newKeySet();

    /** @param overrides extra session properties, e.g. a test's trusted host; empty in the service */
    SmtpDelivery(TruustConfig.Mail.Smtp smtp, Properties overrides) {
        Properties properties = properties(smtp);
        properties.putAll(overrides);
        this.session = Session.getInstance(properties);
        this.username = smtp.username().filter(name -> !name.isBlank()).orElse(null);
        this.password = smtp.password().orElse("");
    }

    Session session() {
        return session;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public void deliver(KeyedMessage message, ActionContext.Sending sending) throws MessagingException {
        message.saveChanges();
        Kept mine = kept.get();
        boolean reused = mine.transport != null;
        try {
            send(mine, message, sending);
        } catch (MessagingException e) {
            if (!reused || SmtpFailures.answered(e)) {
                throw e;
            }
            // Not a server's answer but a kept connection that had gone (the server restarted or dropped
            // idle clients; Angus reports a closed connection as a send failure with code -1): once more on a fresh one rather than a retry minutes later. Should the
            // server have taken the mail before the connection broke, this repeats it with the same
            // Message-ID, as the job's own retry would.
            send(mine, message, sending);
        }
    }

    private void send(Kept mine, KeyedMessage message, ActionContext.Sending sending) throws MessagingException {
        Transport transport = connected(mine);
        try {
            // Connected and greeted: from here on the server may take the mail.
            sending.begin();
            transport.sendMessage(message, message.getAllRecipients());
            mine.lastUsed = System.nanoTime();
        } catch (MessagingException | RuntimeException e) {
            // A refusal or a broken connection: either way the next mail starts afresh.
            disconnect(mine);
            throw e;
        }
    }

    private Transport connected(Kept mine) throws MessagingException {
        if (mine.transport != null && System.nanoTime() - mine.lastUsed > CHECK_AFTER_IDLE_NANOS
                && !mine.transport.isConnected()) {
            disconnect(mine);
        }
        if (mine.transport == null) {
            Transport transport = session.getTransport();
            transport.connect(username, username == null ? null : password);
            mine.transport = transport;
            open.add(transport);
        }
        return mine.transport;
    }

    private void disconnect(Kept mine) {
        if (mine.transport != null) {
            close(mine.transport);
            mine.transport = null;
        }
    }

    private void close(Transport transport) {
        open.remove(transport);
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Already broken: nothing to say QUIT to.
        }
    }

    /** Says QUIT on every kept connection. */
    @Override
    public void close() {
        open.forEach(this::close);
    }

    static Properties properties(TruustConfig.Mail.Smtp smtp) {
        String timeout = Long.toString(smtp.timeout().toMillis());
        Properties p = new Properties();
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", smtp.host().orElseThrow());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.auth", Boolean.toString(smtp.username().filter(name -> !name.isBlank()).isPresent()));
        p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        switch (tls(smtp.tls())) {
            case "tls" -> p.setProperty("mail.smtp.ssl.enable", "true");
            case "starttls" -> {
                // Required, not just enabled: a server (or a man in the middle) that drops STARTTLS gets no mail in clear text.
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            default -> {
            }
        }
        return p;
    }

    /** The TLS mode, checked at start so that a typo does not send in clear text. */
    static String tls(String setting) {
        String mode = setting.trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("none") && !mode.equals("starttls") && !mode.equals("tls")) {
            throw new IllegalArgumentException("TRUUST_MAIL_SMTP_TLS must be none, starttls or tls, not '" + setting + "'");
        }
        return mode;
    }
}
