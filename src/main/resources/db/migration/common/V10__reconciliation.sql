-- Reconciliation with Truust's order list (issue 11 item 7). Which order an event names (escrow.id,
-- else payin.escrow_id, else payout.escrow_id; NULL when none, or not a Truust id) and where it came
-- from ('webhook' or 'reconciliation'), filled at store time, so that "did we receive order N's
-- notification of type T" is an index look-up, not a scan of bodies. Rows stored before keep NULL.
ALTER TABLE inbound_event ADD COLUMN order_id VARCHAR(64);
ALTER TABLE inbound_event ADD COLUMN source VARCHAR(16);
CREATE INDEX inbound_event_order_type ON inbound_event (order_id, type);
-- GET /api/events?source=reconciliation, newest first.
CREATE INDEX inbound_event_source_seq ON inbound_event (source, seq);
-- One row per reconciliation slot (the interval's start): the primary key is taken by exactly one
-- instance, as rule_firing's is for a scheduled rule's time, and the row keeps the run's summary.
CREATE TABLE reconcile_run (
    slot         ${timestamp} PRIMARY KEY,
    started_at   ${timestamp} NOT NULL,
    finished_at  ${timestamp},
    orders_seen  INTEGER NOT NULL DEFAULT 0,
    events_added INTEGER NOT NULL DEFAULT 0,
    error        ${text}
);
