package com.truustrules.action;

/** The life of an action job. */
public enum JobStatus {
    /** Waits for the firing's previous action to finish. */
    WAITING,
    /** Due at due_at. */
    PENDING,
    /** Claimed by a dispatcher until lease_until; reclaimed after that if its instance died. */
    RUNNING,
    /** Finished. */
    DONE,
    /** Gave up: a final failure or too many attempts. Can be re-queued by hand. */
    DEAD
}
