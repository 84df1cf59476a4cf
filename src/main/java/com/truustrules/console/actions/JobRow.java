package com.truustrules.console.actions;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One action job as the console lists it; errors redacted as the API shows them. */
@RegisterForReflection
public record JobRow(String id, String rule, String kind, String eventId, String state, int attempts,
        String lastError, String dueAt, String updatedAt, boolean retryable, boolean inDoubt) {

    /** Why an in-doubt job waits for a person, in words. */
    public String explanation() {
        return inDoubt ? "The service stopped while this " + kind + " was being sent, so the recipient may already "
                + "have it. It is not sent again by itself: check with the recipient or the mail server's log, and "
                + "press Retry only if it did not arrive." : "";
    }
}
