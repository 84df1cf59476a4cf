package com.truustrules.console.actions;

/** How the console groups jobs: the stored status, with PENDING and DEAD split the way ops ask about them. */
public enum JobState {
    DUE("status = 'PENDING' AND last_error IS NULL"),
    RETRYING("status = 'PENDING' AND last_error IS NOT NULL"),
    WAITING("status = 'WAITING'"),
    RUNNING("status = 'RUNNING'"),
    DEAD("status = 'DEAD' AND (last_error IS NULL OR last_error NOT LIKE 'in doubt:%')"),
    IN_DOUBT("status = 'DEAD' AND last_error LIKE 'in doubt:%'"),
    DONE("status = 'DONE'");

    /** The SQL condition on action_job; fixed text, never built from input. */
    final String condition;

    JobState(String condition) {
        this.condition = condition;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static JobState of(String status, String lastError) {
        return switch (status) {
            case "PENDING" -> lastError == null ? DUE : RETRYING;
            case "DEAD" -> lastError != null && lastError.startsWith("in doubt:") ? IN_DOUBT : DEAD;
            default -> valueOf(status);
        };
    }

    /** What a person may re-queue: the admin API's retry takes a failed or dead job. */
    public boolean retryable() {
        return this == RETRYING || this == DEAD || this == IN_DOUBT;
    }
}
