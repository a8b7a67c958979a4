-- H2 only (see db/migration/h2/V41_1): PostgreSQL reads a quality window with a bitmap or sequential
-- scan of the table and hash-joins the outcomes, so its (model, ts) indexes stay as they are. This
-- file keeps the version numbers of the two folders in step.
SELECT 1;
