-- The console's overview over the last 7 days: events per hour and type read off one index, and
-- action jobs of one status by creation time (done jobs for the receipt-to-done latency, and each
-- status in turn for the outcomes; led by status so that the planner does not prefer action_job_due).
CREATE INDEX inbound_event_received_type ON inbound_event (received_at, type);
CREATE INDEX action_job_status_created ON action_job (status, created_at);
