package com.truustrules.console.session;

import java.time.Instant;

/** A signed-in browser: an opaque random id (the cookie), its own CSRF token, and when it ends. */
public record ConsoleSession(String id, String csrfToken, Instant expiresAt) {

    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
