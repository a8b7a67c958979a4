-- The time indexes of predictions and outcomes carry every column a quality read selects (issue 11's
-- 1,000,000-prediction evaluation). H2 reads an index entry's own columns without looking the row up in
-- the table; with (model, ts) alone every row of a window cost a primary-key search on (model, id) strings,
-- most of the read's time. Retention deletes still find rows by the (model, ts) prefix.
DROP INDEX predictions_by_time;
CREATE INDEX predictions_by_time ON predictions (model, ts, id_hash, labels_id, score, predicted, val, scores);
DROP INDEX outcomes_by_time;
CREATE INDEX outcomes_by_time ON outcomes (model, ts, id_hash, actual_class, actual_value);
