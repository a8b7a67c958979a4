-- A "resolved" message whose "firing" was dead-lettered is dead-lettered with it, so a receiver never
-- hears "resolved" without "firing"; blocked_by names that firing delivery, so retrying either of them
-- retries both, and the dispatcher sends them in creation order.
ALTER TABLE deliveries ADD COLUMN blocked_by BIGINT;
