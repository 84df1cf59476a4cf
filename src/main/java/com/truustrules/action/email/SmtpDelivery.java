package com.truustrules.action.email;

import com.truustrules.config.TruustConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Locale;
import java.util.Properties;

/** Sends through the configured SMTP server: one cached session, one connection per mail. */
final class SmtpDelivery implements Delivery {

    private final Session session;
    private final String username;
    private final String password;

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
    public void deliver(KeyedMessage message) throws MessagingException {
        if (username == null) {
            Transport.send(message);
        } else {
            Transport.send(message, username, password);
        }
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
