-- When a RECEIVED event whose rule run failed may be tried again; NULL: as soon as the processor
-- gets to it. attempts counts the runs and error holds the last run's failure (both since V1).
ALTER TABLE inbound_event ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
