-- Every status change of every job (claimed, done, retried) moved an entry in this index, for the
-- console's overview alone; the overview now reads action_job_due (status, due_at) instead, since a
-- job is never due before it was created (ActionStats). On PostgreSQL one index fewer on the
-- table whose updates are never HOT.
DROP INDEX action_job_status_created;
