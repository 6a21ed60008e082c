-- What the idempotency keys' pruning looks for: keys past their time, oldest first.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
