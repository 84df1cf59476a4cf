-- What the rules made of each event: one row per processing run, results as a JSON array.
CREATE TABLE event_evaluation (
    id               UUID PRIMARY KEY,
    event_id         UUID NOT NULL REFERENCES inbound_event (id) ON DELETE CASCADE,
    evaluated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    rule_set_version VARCHAR(40) NOT NULL,
    results          TEXT NOT NULL
);
CREATE INDEX event_evaluation_event ON event_evaluation (event_id);

-- One row per firing: the unique key is what makes once-per (and once per event) hold across instances.
CREATE TABLE rule_firing (
    rule_id      VARCHAR(100) NOT NULL,
    firing_key   VARCHAR(300) NOT NULL,
    rule_version VARCHAR(40) NOT NULL,
    event_id     UUID,
    fired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (rule_id, firing_key)
);
CREATE INDEX rule_firing_fired_at ON rule_firing (fired_at);

-- Firings so far, for 'limit': an UPDATE ... WHERE fired < limit is atomic under concurrency.
CREATE TABLE rule_counter (
    rule_id VARCHAR(100) PRIMARY KEY,
    fired   BIGINT NOT NULL
);

-- One job per fired action; the idempotency key makes a re-run never queue it twice.
CREATE TABLE action_job (
    id              UUID PRIMARY KEY,
    idempotency_key VARCHAR(400) NOT NULL UNIQUE,
    rule_id         VARCHAR(100) NOT NULL,
    rule_version    VARCHAR(40) NOT NULL,
    firing_key      VARCHAR(300) NOT NULL,
    event_id        UUID,
    action_index    INTEGER NOT NULL,
    kind            VARCHAR(20) NOT NULL,
    spec            TEXT NOT NULL,
    status          VARCHAR(16) NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    delay_seconds   BIGINT,
    due_at          TIMESTAMP WITH TIME ZONE,
    lease_until     TIMESTAMP WITH TIME ZONE,
    last_error      TEXT,
    result          TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX action_job_due ON action_job (status, due_at);
CREATE INDEX action_job_firing ON action_job (rule_id, firing_key, action_index);
