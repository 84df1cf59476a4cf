package com.truustrules.console.actions;

import com.truustrules.action.JobReads;

/** How the console groups jobs: the action side's {@link JobReads.Group}, with the console's labels. */
public enum JobState {
    DUE,
    RETRYING,
    WAITING,
    RUNNING,
    DEAD,
    IN_DOUBT,
    DONE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    static JobState of(JobReads.Group group) {
        return valueOf(group.name());
    }

    JobReads.Group group() {
        return JobReads.Group.valueOf(name());
    }

    /** What a person may re-queue: the admin API's retry takes a failed or dead job. */
    public boolean retryable() {
        return group().retryable();
    }
}
