CREATE TABLE orders (
  id            uuid PRIMARY KEY,
  user_id       uuid NOT NULL,
  address_id    uuid,
  status        text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
  total_int     bigint NOT NULL CHECK (total_int >= 0),
  cancel_reason text,
  -- Set with the move to CANCELLED, cleared once the product service has the stock back; a
  -- release that failed is retried until it succeeds (releasing is idempotent there).
  stock_release_pending boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A user's orders newest first, all or of one status; ids are time-ordered and break ties.
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_user_status_idx ON orders (user_id, status, created_at DESC, id DESC);
CREATE INDEX orders_stock_release_pending_idx ON orders (updated_at) WHERE stock_release_pending;

-- The product as it was sold: later catalogue changes do not rewrite an order.
CREATE TABLE order_items (
  id                 uuid PRIMARY KEY,
  order_id           uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id         uuid NOT NULL,
  quantity           integer NOT NULL CHECK (quantity > 0),
  price_int          bigint NOT NULL CHECK (price_int >= 0),
  product_sku        text NOT NULL,
  product_name       text NOT NULL,
  product_slug       text NOT NULL,
  product_image_urls text[] NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX order_items_order_idx ON order_items (order_id);

-- A checkout's Idempotency-Key, per user, with the SHA-256 of its canonical request. The row is
-- written IN_PROGRESS before any work (the primary key lets one of two racing requests in) and
-- becomes COMPLETED in the transaction that writes the order; a failed checkout deletes it.
CREATE TABLE idempotency_keys (
  user_id      uuid NOT NULL,
  key          text NOT NULL,
  request_hash bytea NOT NULL,
  status       text NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
  order_id     uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
