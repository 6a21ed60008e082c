-- A picture a user took of a product in augmented reality. The owner and the product live in
-- other services' databases, so they are plain ids here (no foreign keys across services).
CREATE TABLE snapshots (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL,
  product_id uuid NOT NULL,
  image_url  text NOT NULL CHECK (length(image_url) <= 2048),
  metadata   jsonb CHECK (metadata IS NULL OR jsonb_typeof(metadata) = 'object'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One index per list filter (none, user, product, both), each in the list's order, newest first
-- with the time-ordered id breaking ties: a page is read from the index in order and stops at
-- its LIMIT, and a filter's count(*) is an index-only scan. See docs/ar.md for the plans.
CREATE INDEX snapshots_created_idx ON snapshots (created_at DESC, id DESC);
CREATE INDEX snapshots_user_idx ON snapshots (user_id, created_at DESC, id DESC);
CREATE INDEX snapshots_product_idx ON snapshots (product_id, created_at DESC, id DESC);
CREATE INDEX snapshots_user_product_idx ON snapshots (user_id, product_id, created_at DESC, id DESC);
