package com.truustrules.truust;

import java.time.Duration;

/** Truust did not answer usefully (5xx, 429, 401, timeout, refused connection); {@code retryAfter} as it asked, or null. */
public class TruustUnavailableException extends RuntimeException {

    private final transient Duration retryAfter;

    public TruustUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
