-- Distributions carry labels (issue 11): one row per (model, feature, time, label set). labels is the
-- canonical label text as in series; labels_hash is 64 bits of its SHA-256, 0 for no labels (so rows
-- stored before this migration keep their meaning). Only the primary key's syntax differs from H2.
ALTER TABLE distributions ADD COLUMN labels VARCHAR(4000) DEFAULT '{}' NOT NULL;
ALTER TABLE distributions ADD COLUMN labels_hash BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE distributions DROP CONSTRAINT distributions_pkey;
ALTER TABLE distributions ADD PRIMARY KEY (model, feature, ts, labels_hash);
