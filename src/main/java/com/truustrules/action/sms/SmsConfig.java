package com.truustrules.action.sms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Outgoing SMS (env form TRUUST_SMS_...); without a provider, texts are written to $TRUUST_DATA_DIR/outbox. */
@ConfigMapping(prefix = "truust.sms")
public interface SmsConfig {

    /** twilio or http (a generic gateway); none means the outbox folder. */
    Optional<String> provider();

    /** Log texts instead of sending them (on in dev mode). */
    @WithDefault("false")
    boolean dryRun();

    /** Country code put before a number written without one (+34); none means such a number is refused. */
    Optional<String> defaultPrefix();

    /** Longest wait for a provider's answer (cut to half the dispatcher's lease). */
    @WithDefault("PT10S")
    Duration timeout();

    /** Twilio account SID; also the basic-auth user. */
    Optional<String> accountSid();

    /** Twilio auth token (basic-auth password). */
    Optional<String> authToken();

    /** Sender number (E.164) or alphanumeric sender id. */
    Optional<String> from();

    /** Twilio Messaging Service SID, used instead of a sender number. */
    Optional<String> messagingServiceSid();

    /** Base URL of Twilio's API (a fake in tests). */
    @WithDefault("https://api.twilio.com")
    String apiUrl();

    /** The generic HTTP gateway (provider=http). */
    Gateway gateway();

    /** A provider with a simple API: one POST whose body is a template of {to}, {text}, {from} and {id}. */
    interface Gateway {
        /** Where texts are posted. */
        Optional<String> url();

        /** Extra request headers, e.g. truust.sms.gateway.headers.Authorization=Bearer ... */
        Map<String, String> headers();

        /** Body template; values are JSON-escaped for a JSON content type, URL-encoded for a form. */
        @WithDefault("{\"to\":\"{to}\",\"text\":\"{text}\"}")
        String body();

        /** Content type of the body: application/json or application/x-www-form-urlencoded. */
        @WithDefault("application/json")
        String contentType();

        /** JSON pointer to the message id in the answer, e.g. /id or /messages/0/id. */
        Optional<String> idPointer();
    }
}
