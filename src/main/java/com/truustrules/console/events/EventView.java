package com.truustrules.console.events;

import com.truustrules.console.actions.JobRow;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One event as its console page shows it. */
@RegisterForReflection
public record EventView(String id, String type, String status, String receivedAt, String processedAt, int attempts,
        String error, String sourceIp, String body, String headers, List<RunView> runs, List<JobRow> jobs) {

    /** One run of the rules over the event. */
    @RegisterForReflection
    public record RunView(String evaluatedAt, String ruleSetVersion, List<EvaluationView> evaluations) {
    }

    /** What one rule made of the event, and the values its condition read. */
    @RegisterForReflection
    public record EvaluationView(String rule, String version, String outcome, String reason, List<String> read,
            String error) {
    }
}
