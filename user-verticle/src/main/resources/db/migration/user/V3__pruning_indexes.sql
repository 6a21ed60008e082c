-- The user service deletes what sign-ins no longer need (CredentialPruning): failure counts of
-- emails quiet for a while and refresh tokens past their expiry. These indexes let each batch find
-- its rows without scanning the tables.
CREATE INDEX login_failures_blocked_until_idx ON login_failures (blocked_until);
CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at);
