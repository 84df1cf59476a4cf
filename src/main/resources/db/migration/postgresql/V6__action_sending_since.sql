-- Set, and written out, just before an action whose repeat a person would notice (an e-mail over
-- SMTP) starts; cleared with its outcome. A job claimed with it still set was interrupted by a crash
-- while sending: it is not run again but left DEAD "in doubt" for a person to check.
ALTER TABLE action_job ADD COLUMN sending_since TIMESTAMP WITH TIME ZONE;
