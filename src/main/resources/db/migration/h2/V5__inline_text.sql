-- Event bodies and evaluation results as inline text instead of LOBs. H2 keeps each LOB in a store
-- of its own: every insert and every read of an event paid a LOB write or read, which profiling
-- showed among the costliest parts of ingest and processing. H2's inline text holds up to
-- 1,000,000,000 characters, far above any webhook body limit.
ALTER TABLE inbound_event ALTER COLUMN body SET DATA TYPE CHARACTER VARYING;
ALTER TABLE event_evaluation ALTER COLUMN results SET DATA TYPE CHARACTER VARYING;
