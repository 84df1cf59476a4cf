package com.truustrules.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One run of the rules over one event; the results are a JSON array of evaluations. */
@Entity
@Table(name = "event_evaluation")
public class EventEvaluation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    @Column(name = "rule_set_version")
    public String ruleSetVersion;

    public String results;

    public static List<EventEvaluation> listForEvent(UUID eventId) {
        return list("eventId = ?1 order by evaluatedAt", eventId);
    }
}
