package com.truustrules.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ops console (env form TRUUST_CONSOLE_...); it opens with the admin token, as the API does. */
@ConfigMapping(prefix = "truust.console")
public interface ConsoleConfig {

    /** How long a sign-in lasts; the session ends then even if it is in use. */
    @WithDefault("PT8H")
    Duration sessionTimeout();

    /** Most sessions kept at once; the oldest is dropped beyond it, so sign-ins cannot fill the memory. */
    @WithDefault("1000")
    int maxSessions();

    /** Most jobs one "Retry all that match" re-queues; the page says when more matched. */
    @WithDefault("500")
    int retryAllLimit();

    /**
     * Dev mode's "Send a sample webhook" buttons post the NAME-sample.json files of this folder (read
     * from the working copy; absent from production builds).
     */
    @WithDefault("src/test/resources/payloads")
    String samplesDir();
}
