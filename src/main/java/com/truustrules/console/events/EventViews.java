package com.truustrules.console.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.truustrules.admin.EventDetail;
import com.truustrules.console.actions.JobRow;
import com.truustrules.rule.Evaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the admin API's event detail into the console's view: pretty JSON, evaluations spelled out. */
@ApplicationScoped
public class EventViews {

    private static final TypeReference<List<Evaluation>> EVALUATIONS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public EventView of(EventDetail e, List<JobRow> jobs) {
        List<EventView.RunView> runs = e.evaluations().stream().map(this::run).toList();
        return new EventView(e.id().toString(), e.type(), e.status().name(), Times.text(e.receivedAt()),
                Times.text(e.processedAt()), e.attempts(), e.error() == null ? "" : e.error(),
                e.sourceIp() == null ? "" : e.sourceIp(), pretty(e.body()), pretty(e.headers()), runs, jobs);
    }

    public List<EventView.EvaluationView> evaluations(List<Evaluation> evaluations) {
        return evaluations.stream().map(this::evaluation).toList();
    }

    private EventView.RunView run(EventDetail.Run r) {
        List<Evaluation> evaluations;
        try {
            evaluations = json.readValue(r.results(), EVALUATIONS);
        } catch (JsonProcessingException ex) {
            evaluations = List.of();
        }
        return new EventView.RunView(Times.text(r.evaluatedAt()), r.ruleSetVersion(), evaluations(evaluations));
    }

    private EventView.EvaluationView evaluation(Evaluation e) {
        List<String> read = new ArrayList<>();
        if (e.read() != null) {
            for (Map.Entry<String, Object> value : e.read().entrySet()) {
                read.add(value.getKey() + " = " + compact(value.getValue()));
            }
        }
        return new EventView.EvaluationView(e.rule(), nonNull(e.version()), e.outcome().name(), nonNull(e.reason()),
                read, nonNull(e.error()));
    }

    /** The text indented when it is JSON, as it is otherwise. */
    public String pretty(String text) {
        if (text == null) {
            return "";
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(text));
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private String compact(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
