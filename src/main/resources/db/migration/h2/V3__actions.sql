-- Every attempt at an action job: when, how it ended, and why.
CREATE TABLE action_attempt (
    id          UUID PRIMARY KEY,
    job_id      UUID NOT NULL REFERENCES action_job (id) ON DELETE CASCADE,
    attempt     INTEGER NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(16) NOT NULL,
    error       CHARACTER VARYING
);
CREATE INDEX action_attempt_job ON action_attempt (job_id);

-- Promo codes imported from rules/pools/<pool>.txt; a code bound to an idempotency key is used, for good.
CREATE TABLE promo_code (
    pool            VARCHAR(100) NOT NULL,
    code            VARCHAR(200) NOT NULL,
    idempotency_key VARCHAR(400) UNIQUE,
    imported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (pool, code)
);
CREATE INDEX promo_code_free ON promo_code (pool, taken_at);
