package com.truustrules.action;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fired action waiting, running or run; the idempotency key is (rule, firing, action index). */
@Entity
@Table(name = "action_job")
public class ActionJob extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "rule_id")
    public String ruleId;

    @Column(name = "rule_version")
    public String ruleVersion;

    @Column(name = "firing_key")
    public String firingKey;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(name = "action_index")
    public int actionIndex;

    public String kind;

    public String spec;

    @Enumerated(EnumType.STRING)
    public JobStatus status;

    public int attempts;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "last_error")
    public String lastError;

    public String result;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Newest first, optionally of one status. */
    public static List<ActionJob> listNewest(JobStatus status, int limit) {
        return (status == null ? find("order by createdAt desc, id") : find("status = ?1 order by createdAt desc, id", status))
                .page(0, limit).list();
    }
}
