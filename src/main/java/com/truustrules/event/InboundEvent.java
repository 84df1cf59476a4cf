package com.truustrules.event;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A call from Truust as it was stored: raw body, kept headers, and how far processing got. */
@Entity
@Table(name = "inbound_event")
public class InboundEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Arrival order; the paging cursor of the admin API. */
    @Column(insertable = false, updatable = false)
    public Long seq;

    public String type;

    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "source_ip")
    public String sourceIp;

    /** Kept request headers, as a JSON object. */
    public String headers;

    public String body;

    @Enumerated(EnumType.STRING)
    public EventStatus status;

    public int attempts;

    @Column(name = "processed_at")
    public Instant processedAt;

    public String error;

    /** When a failed run is tried again (null: not waiting). */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** The Truust order the event names (null: none, or stored before V10). */
    @Column(name = "order_id")
    public String orderId;

    /** 'webhook' or 'reconciliation' (null: stored before V10, a webhook). */
    public String source;

    public static Optional<InboundEvent> findByIdOptional(UUID id) {
        return find("id", id).firstResultOptional();
    }

    /** Newest first, optionally filtered, starting below the cursor {@code before} (a seq). */
    public static List<InboundEvent> listPage(EventQuery query) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (query.type() != null) {
            where.append(" and type = :type");
            params.and("type", query.type());
        }
        if (query.status() != null) {
            where.append(" and status = :status");
            params.and("status", query.status());
        }
        if (query.source() != null) {
            where.append(" and source = :source");
            params.and("source", query.source().column());
        }
        if (query.since() != null) {
            where.append(" and receivedAt >= :since");
            params.and("since", query.since());
        }
        if (query.before() != null) {
            where.append(" and seq < :before");
            params.and("before", query.before());
        }
        return find(where + " order by seq desc", params).page(0, query.limit()).list();
    }
}
