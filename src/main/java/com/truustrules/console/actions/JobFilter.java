package com.truustrules.console.actions;

import java.util.UUID;

/** The action list's filters; null means "any". {@code state} is one of {@link JobState}'s names. */
public record JobFilter(JobState state, String rule, String kind, UUID eventId) {
}
