-- The console's look-ups by event: the rules each listed event fired (a page of 100 reads them
-- with one IN list), its "rule fired" filter, and the action jobs on an event's page.
CREATE INDEX rule_firing_event ON rule_firing (event_id, rule_id);
CREATE INDEX action_job_event ON action_job (event_id);
