-- Every stored group evaluation, with the node that stored it and when (wall clock, epoch ms): the
-- audit of which node evaluated which tick, how late, and across a failover. Written in the
-- evaluation's transaction; the primary key is the last word on "one tick, one evaluation".
-- Purged with the samples (store.retention).
CREATE TABLE evaluation_log (
    group_key VARCHAR(400) NOT NULL,
    t         BIGINT       NOT NULL,
    node      VARCHAR(200) NOT NULL,
    stored_at BIGINT       NOT NULL,
    PRIMARY KEY (group_key, t)
);
CREATE INDEX evaluation_log_by_stored ON evaluation_log (stored_at);
