package com.truustrules.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All settings of truust-rules; the env form is TRUUST_ plus the upper-cased key. */
@ConfigMapping(prefix = "truust")
public interface TruustConfig {

    /** Folder of the embedded database and the mail outbox; a relative path must start with ./ (H2's rule). */
    @WithDefault("./data")
    String dataDir();

    Webhook webhook();

    Admin admin();

    Rules rules();

    Storage storage();

    Processor processor();

    Actions actions();

    Mail mail();

    Retention retention();

    /** How Truust calls are verified and limited. */
    interface Webhook {
        /** Shared secrets; a call must carry one of them in the secret header. */
        Optional<List<String>> secrets();

        /** Header that carries the shared secret. */
        @WithDefault("X-Truust-Secret")
        String secretHeader();

        /** Tokens accepted in /webhooks/truust/t/{token}[/{event}]. */
        Optional<List<String>> pathTokens();

        /** Standard Webhooks secrets (whsec_...). */
        Optional<List<String>> hmacSecrets();

        /** Accepted clock difference for Standard Webhooks timestamps. */
        @WithDefault("PT5M")
        Duration hmacTolerance();

        /** CIDR ranges calls may come from; any when unset. */
        Optional<List<String>> allowedIps();

        /** Proxies (CIDR) whose X-Forwarded-For is believed; none when unset. */
        Optional<List<String>> trustedProxies();

        /** Starting with no check configured needs this to be true (dev aside). */
        @WithDefault("false")
        boolean allowUnverified();

        /** Largest accepted body; the HTTP layer never buffers more for a webhook, chunked or not. */
        @WithDefault("256K")
        MemorySize maxBody();

        /** Longest a webhook body may take to arrive (slow senders are answered 408 and cut off). */
        @WithDefault("PT10S")
        Duration bodyTimeout();

        /** Header that may name the event type when the path does not. */
        @WithDefault("X-Truust-Event")
        String eventHeader();

        /** Request headers kept with the event (lower case); secrets are never kept. */
        @WithDefault("content-type,user-agent,x-forwarded-for,x-request-id,webhook-id,webhook-timestamp,x-truust-event")
        List<String> keptHeaders();
    }

    /** The admin API. */
    interface Admin {
        /** Bearer token for /api/**; the API is closed without one. */
        Optional<String> token();
    }

    /** Where rule files live. */
    interface Rules {
        /** Folder of rule files, offers, pools and templates. */
        @WithDefault("rules")
        String dir();

        /** How often the folder is checked for changes. */
        @WithDefault("2s")
        Duration pollInterval();

        /** Time zone of 'schedule' cron expressions and of report days; an unknown zone stops the start. */
        @WithDefault("UTC")
        ZoneId timezone();

        /** A scheduled time missed while the service was down still fires if it is at most this old. */
        @WithDefault("PT1H")
        Duration cronGrace();

        /**
         * CPU time one evaluation of a rule's 'when' or 'once-per' may use; a longer one is that rule's
         * ERROR for the event (rules run on the thread that stores webhooks, which must not stall).
         */
        @WithDefault("50ms")
        Duration evaluationTimeout();

        /**
         * Moves an offer of offers.yaml to start at another time, keeping its length: an ISO-8601 instant
         * or {@code startup} (when the service started). Dev mode opens the sample offer at startup, so
         * the quick start sees the promo fire on any day.
         */
        Map<String, String> offerStarts();

        /** Declares that running without any rule is intended; otherwise readiness is DOWN with 0 rules. */
        @WithDefault("false")
        boolean allowEmpty();
    }

    /** The event processor that runs rules on stored events. */
    interface Processor {
        /** Off: events are stored but no rule runs (e.g. an ingest-only instance). */
        @WithDefault("true")
        boolean enabled();

        /**
         * Run the rules in the transaction that stores an event (one commit per group of webhooks);
         * off: every event is stored RECEIVED and claimed by the processor afterwards.
         */
        @WithDefault("true")
        boolean inline();

        /** Events claimed and processed in one transaction. */
        @WithDefault("200")
        int batchSize();

        /** How often stored events are looked for even when no insert woke the processor. */
        @WithDefault("5s")
        Duration sweepInterval();

        /** Failed rule runs of one event before it is marked FAILED and left for a person to replay. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second run of a failed event; it doubles with each further run. */
        @WithDefault("PT5S")
        Duration retryBackoff();

        /** A RECEIVED event older than this is backlog: readiness reports it as degraded. */
        @WithDefault("PT5M")
        Duration backlogAge();

        /** A pipeline thread busy with one piece of work for longer than this is stuck: liveness DOWN. */
        @WithDefault("PT2M")
        Duration stallTimeout();
    }

    /** Ingest storage tuning. */
    interface Storage {
        /** Most events written in one group commit. */
        @WithDefault("256")
        int batchSize();

        /** Longest a call waits for its commit before it is answered 503. */
        @WithDefault("PT5S")
        Duration commitTimeout();

        /** Seconds sent in Retry-After when storage is unavailable. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** Events waiting for a commit before new calls are turned away with 503. */
        @WithDefault("10000")
        int queueCapacity();

        /** Flush committed data to the file system on every commit (embedded H2 only). */
        @WithName("h2-checkpoint")
        @WithDefault("true")
        boolean h2Checkpoint();
    }

    /** The action dispatcher. */
    interface Actions {
        /** Off: fired actions stay queued (e.g. an ingest-only instance). */
        @WithDefault("true")
        boolean enabled();

        /** How often due jobs are looked for even when nothing woke the dispatcher. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Jobs claimed at once. */
        @WithDefault("50")
        int batchSize();

        /**
         * Jobs run at the same time. Most of a job's time is waiting (SMTP answers, the commit that
         * records it), so more workers than cores pay: 16 instead of 4 took the e-mail benchmark from
         * 141 to 268 mails/s. Keep quarkus.datasource.jdbc.max-size above it.
         */
        @WithDefault("16")
        int concurrency();

        /** How long a claimed job is held before another instance may take it over (above a slow SMTP exchange). */
        @WithDefault("PT5M")
        Duration lease();

        /** How long a stopping service waits for running jobs to finish and record their outcomes. */
        @WithDefault("PT10S")
        Duration shutdownGrace();

        /** Attempts before a job is DEAD. */
        @WithDefault("10")
        int maxAttempts();

        /** Delay before the first retry; doubles each time. */
        @WithDefault("PT1M")
        Duration backoffInitial();

        /** Longest delay between two attempts. */
        @WithDefault("PT6H")
        Duration backoffMax();
    }

    /** Outgoing e-mail. */
    interface Mail {
        /** Set: send through this SMTP server. */
        Smtp smtp();

        /** Sender address of every mail. */
        @WithDefault("truust-rules@localhost")
        String from();

        /** Log mails instead of sending them (on in dev mode). */
        @WithDefault("false")
        boolean dryRun();

        /** SMTP settings; without a host, mails are written as .eml files to $TRUUST_DATA_DIR/outbox. */
        interface Smtp {
            /** SMTP host; none means the outbox folder. */
            Optional<String> host();

            /** SMTP port. */
            @WithDefault("25")
            int port();

            /** Login, when the server needs one. */
            Optional<String> username();

            /** Password for the login. */
            Optional<String> password();

            /** none, starttls (upgrade a plain connection) or tls (TLS from the start). */
            @WithDefault("none")
            String tls();

            /** Connect, read and write timeout. */
            @WithDefault("PT10S")
            Duration timeout();
        }
    }

    /** Purging of old processed events and finished jobs. */
    interface Retention {
        /** Processed events and finished action jobs older than this are deleted. */
        @WithDefault("P90D")
        Duration maxAge();

        /** How often the purge runs (its first run is a minute after start). */
        @WithDefault("1h")
        Duration interval();

        /** Rows deleted per statement, so a purge never holds long locks. */
        @WithDefault("1000")
        int batchSize();
    }
}
