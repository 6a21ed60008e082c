-- A reservation holds stock for one order (keyed by the order's id, so a retried reserve takes
-- nothing twice). PENDING until the order service confirms it; RELEASED once its stock went back,
-- which happens exactly once because the status changes in the same transaction as the stock.
CREATE TABLE stock_reservations (
  order_id    uuid PRIMARY KEY,
  status      text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'RELEASED')),
  -- When the sweeper settles a PENDING reservation; pushed forward while a sweeper works on it.
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX stock_reservations_pending_idx ON stock_reservations (expires_at) WHERE status = 'PENDING';

-- The lines as reserved, with the product as it was then: a retry answers the same prices.
-- No foreign key to products: a product deleted later must not take its reservations with it.
CREATE TABLE stock_reservation_items (
  order_id    uuid NOT NULL REFERENCES stock_reservations (order_id) ON DELETE CASCADE,
  product_id  uuid NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  price_int   bigint NOT NULL,
  sku         text NOT NULL,
  name        text NOT NULL,
  slug        text NOT NULL,
  image_urls  text[] NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
