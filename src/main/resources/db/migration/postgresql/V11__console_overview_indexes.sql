-- The console's overview over the last 7 days: events per hour and type read off one index (no
-- table rows), and action jobs by creation time for their outcomes and receipt-to-done latency.
CREATE INDEX inbound_event_received_type ON inbound_event (received_at, type);
CREATE INDEX action_job_created ON action_job (created_at, status);
