-- Predictions and their delayed outcomes (io.vigil.store, predictions.md). Portable SQL: H2 2.x and
-- PostgreSQL 12+. Times are epoch milliseconds, as in V1.

-- One row per (model, prediction id). labels_id is the id of a row of series named '#predictions'
-- (a name no rule can write), so label sets are interned and cached as series labels are. id_hash is
-- 64 bits of the SHA-256 of the id: reads join outcomes to predictions on it in memory instead of on
-- a million strings. content_hash (of everything the record said) makes a resend idempotent and a
-- different record with the same id a conflict. Exactly one of score (binary), scores (multiclass:
-- a JSON object class -> probability) and val (regression) is set. features is a JSON object
-- (name -> number, string or null) or NULL: distribution reads pool them with snapshot distributions.
CREATE TABLE predictions (
    model        VARCHAR(200) NOT NULL,
    id           VARCHAR(200) NOT NULL,
    ts           BIGINT       NOT NULL,
    id_hash      BIGINT       NOT NULL,
    labels_id    BIGINT       NOT NULL REFERENCES series (id),
    score        DOUBLE PRECISION,
    scores       VARCHAR(100000),
    predicted    VARCHAR(200),
    val          DOUBLE PRECISION,
    features     VARCHAR(1000000),
    content_hash BIGINT       NOT NULL,
    PRIMARY KEY (model, id)
);
-- Every quality function reads a time range of one model.
CREATE INDEX predictions_by_time ON predictions (model, ts);

-- One row per (model, prediction id, time the outcome became known): a later outcome of the same id is
-- a correction and both are kept, so an evaluation as of T uses the latest one known at T. An outcome
-- may arrive before its prediction: there is deliberately no foreign key. actual_class is the class
-- text (a number's shortest decimal text), actual_value the number when the outcome is one.
CREATE TABLE outcomes (
    model        VARCHAR(200) NOT NULL,
    id           VARCHAR(200) NOT NULL,
    ts           BIGINT       NOT NULL,
    id_hash      BIGINT       NOT NULL,
    actual_class VARCHAR(200) NOT NULL,
    actual_value DOUBLE PRECISION,
    content_hash BIGINT       NOT NULL,
    PRIMARY KEY (model, id, ts)
);
-- Retention deletes by model and time.
CREATE INDEX outcomes_by_time ON outcomes (model, ts);
