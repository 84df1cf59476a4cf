package com.truustrules.action.sms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionContext;
import com.truustrules.action.ActionKind;
import com.truustrules.action.ActionOutcome;
import com.truustrules.action.ActionRunner;
import com.truustrules.config.TruustConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The sms action: renders the number and the text, normalises the number to E.164 (an invalid one
 * fails the job before anything is sent), and hands the text to the configured provider.
 *
 * <p><b>Never twice after a crash.</b> As for e-mail: right before the request leaves, the attempt
 * is written down as sending; an instance that dies before it records the answer leaves the job
 * DEAD "in doubt" for a person instead of texting again. A provider that answers 429 or 5xx is tried
 * again no sooner than its Retry-After; other 4xx answers are final. A request whose answer never
 * comes (timeout) is retried, as a mail is: the provider may then have it twice, under one
 * Idempotency-Key (gateway) that it may use to drop the repeat.
 */
@Startup
@ApplicationScoped
public class SendSms implements ActionRunner {

    private static final Logger LOG = Logger.getLogger(SendSms.class);

    @Inject
    SmsConfig sms;

    @Inject
    TruustConfig config;

    @Inject
    ObjectMapper json;

    private SmsProvider provider;

    /** Reads the provider settings at start: a provider with settings missing stops the start with a clear message. */
    @PostConstruct
    void start() {
        provider = provider(sms, Path.of(config.dataDir()).resolve("outbox"), config.actions().lease(),
                config.actions().backoffMax(), json);
        LOG.infof("sms actions go to %s", sms.dryRun() ? "the log only (dry run)" : provider.name());
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SMS;
    }

    @Override
    public ActionOutcome run(ActionContext context) throws Exception {
        SmsMessage message;
        try {
            message = SmsMessage.of(context, sms.defaultPrefix());
        } catch (IllegalArgumentException e) {
            return ActionOutcome.failed("sms not sent: " + e.getMessage());
        }
        return provider.send(message, context.sending(), context.now());
    }

    /** The provider the settings name; IllegalStateException naming the missing setting. */
    static SmsProvider provider(SmsConfig sms, Path outbox, Duration lease, Duration longestWait, ObjectMapper json) {
        sms.defaultPrefix().ifPresent(PhoneNumbers::prefix);
        if (sms.dryRun()) {
            return new DryRunSms();
        }
        // A request must end well within the job's lease, or another instance would take the job over mid-send.
        Duration timeout = sms.timeout().compareTo(lease.dividedBy(2)) <= 0 ? sms.timeout() : lease.dividedBy(2);
        String name = sms.provider().map(String::strip).filter(p -> !p.isEmpty()).orElse("outbox");
        return switch (name) {
            case "twilio" -> {
                require(sms.accountSid().isPresent(), "TRUUST_SMS_ACCOUNT_SID");
                require(sms.authToken().isPresent(), "TRUUST_SMS_AUTH_TOKEN");
                require(sms.from().isPresent() || sms.messagingServiceSid().isPresent(),
                        "TRUUST_SMS_FROM (or TRUUST_SMS_MESSAGING_SERVICE_SID)");
                requireHttpUrl(sms.apiUrl(), "TRUUST_SMS_API_URL");
                yield new TwilioSms(sms, timeout, longestWait, json);
            }
            case "http" -> {
                require(sms.gateway().url().isPresent(), "TRUUST_SMS_GATEWAY_URL");
                requireHttpUrl(sms.gateway().url().get(), "TRUUST_SMS_GATEWAY_URL");
                String type = sms.gateway().contentType();
                if (!type.startsWith(GatewaySms.JSON) && !type.startsWith(GatewaySms.FORM)) {
                    throw new IllegalStateException("TRUUST_SMS_GATEWAY_CONTENT_TYPE must be " + GatewaySms.JSON + " or "
                            + GatewaySms.FORM + ", not '" + type + "'");
                }
                yield new GatewaySms(sms, timeout, longestWait, json);
            }
            case "outbox" -> new OutboxSms(outbox, json);
            default -> throw new IllegalStateException("TRUUST_SMS_PROVIDER must be twilio or http (or unset for the "
                    + "outbox), not '" + name + "'");
        };
    }

    private static void require(boolean present, String setting) {
        if (!present) {
            throw new IllegalStateException("the sms provider needs " + setting);
        }
    }

    private static void requireHttpUrl(String url, String setting) {
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IllegalStateException(setting + " must start with https:// or http://");
        }
    }
}
