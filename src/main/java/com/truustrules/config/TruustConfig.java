package com.truustrules.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** All settings of truust-rules; the env form is TRUUST_ plus the upper-cased key. */
@ConfigMapping(prefix = "truust")
public interface TruustConfig {

    /** Folder of the embedded database and the mail outbox. */
    @WithDefault("data")
    String dataDir();

    Webhook webhook();

    Admin admin();

    Rules rules();

    Storage storage();

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

        /** Largest accepted body. */
        @WithDefault("256K")
        MemorySize maxBody();

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
}
