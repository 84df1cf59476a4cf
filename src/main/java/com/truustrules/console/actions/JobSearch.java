package com.truustrules.console.actions;

import com.truustrules.action.JobReads;
import com.truustrules.action.http.Redaction;
import com.truustrules.console.events.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The console's view of action jobs: a filtered list, counts by state, ids to retry; read through {@link JobReads}. */
@ApplicationScoped
public class JobSearch {

    @Inject
    JobReads reads;

    /** Newest first. */
    public List<JobRow> find(JobFilter filter, int limit) throws SQLException {
        return reads.search(search(filter), limit).stream().map(JobSearch::row).toList();
    }

    /**
     * Ids of the retryable jobs the filter matches, oldest first, at most {@code limit}. In-doubt jobs
     * only when the filter names them: a bulk retry must not send a mail twice without a person choosing so.
     */
    public List<UUID> retryable(JobFilter filter, int limit) throws SQLException {
        return reads.retryable(search(filter), limit);
    }

    /** Jobs per state, for the tabs. */
    public Map<JobState, Long> counts() throws SQLException {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        reads.counts().forEach((group, jobs) -> counts.put(JobState.of(group), jobs));
        return counts;
    }

    private static JobReads.Search search(JobFilter f) {
        return new JobReads.Search(f.state() == null ? null : f.state().group(), f.rule(), f.kind(), f.eventId());
    }

    private static JobRow row(JobReads.Listed job) {
        JobState state = JobState.of(job.group());
        return new JobRow(job.id().toString(), job.ruleId(), job.kind(), job.eventId() == null ? "" : job.eventId().toString(),
                state.label(), job.attempts(), job.lastError() == null ? "" : Redaction.text(job.lastError()),
                Times.text(job.dueAt()), Times.text(job.updatedAt()), state.retryable(), state == JobState.IN_DOUBT);
    }
}
