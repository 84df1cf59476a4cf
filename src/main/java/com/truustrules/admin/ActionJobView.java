package com.truustrules.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.action.ActionJob;
import com.truustrules.action.JobStatus;
import com.truustrules.action.http.HttpSecrets;
import com.truustrules.action.http.Redaction;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An action job as the API shows it: the settings with secrets and header values redacted (an
 * env: reference is shown as it is), and credentials taken out of results and errors.
 */
public record ActionJobView(UUID id, String idempotencyKey, String ruleId, String ruleVersion, String firingKey,
        UUID eventId, int actionIndex, String kind, String spec, JobStatus status, int attempts, Instant dueAt,
        String lastError, String result, Instant createdAt, Instant updatedAt) {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    static ActionJobView of(ActionJob job, ObjectMapper json) {
        return new ActionJobView(job.id, job.idempotencyKey, job.ruleId, job.ruleVersion, job.firingKey, job.eventId,
                job.actionIndex, job.kind, shownSpec(job.spec, json), job.status, job.attempts, job.dueAt,
                Redaction.text(job.lastError), Redaction.text(job.result), job.createdAt, job.updatedAt);
    }

    /** Unreadable settings are not shown at all rather than shown unredacted. */
    private static String shownSpec(String spec, ObjectMapper json) {
        if (spec == null) {
            return null;
        }
        try {
            return json.writeValueAsString(HttpSecrets.shownSpec(json.readValue(spec, MAP)));
        } catch (JsonProcessingException e) {
            return Redaction.MARK;
        }
    }
}
