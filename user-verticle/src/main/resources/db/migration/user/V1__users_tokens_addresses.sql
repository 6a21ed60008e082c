CREATE TABLE users (
  id            uuid PRIMARY KEY,
  email         text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  full_name     text,
  phone         text,
  role          text NOT NULL CHECK (role IN ('CUSTOMER', 'ADMIN')),
  is_active     boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The admin list pages newest first; ids are time-ordered, so they break ties stably.
CREATE INDEX users_created_at_idx ON users (created_at DESC, id DESC);

-- A refresh token is stored as the SHA-256 of its value. Tokens issued from one login share a
-- family; presenting a revoked token again revokes the whole family.
CREATE TABLE refresh_tokens (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  family_id   uuid NOT NULL,
  token_hash  bytea NOT NULL UNIQUE,
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

CREATE TABLE addresses (
  id          uuid PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  full_name   text NOT NULL,
  phone       text NOT NULL,
  street      text NOT NULL,
  ward        text NOT NULL,
  district    text NOT NULL,
  city        text NOT NULL,
  is_default  boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX addresses_user_idx ON addresses (user_id, created_at DESC);
-- At most one default per user; the service keeps it at exactly one.
CREATE UNIQUE INDEX addresses_one_default_idx ON addresses (user_id) WHERE is_default;
