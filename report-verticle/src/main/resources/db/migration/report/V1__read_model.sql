-- The report service's read model, written only by domain events (docs/reports.md). Events come
-- at least once and in any order, so every row is kept by a rule that does not depend on order.

-- Each order as of its highest version seen: an event only overwrites a row of a lower version.
-- DISCARDED (checkout undone) counts nowhere; created_at is null only for an order whose discard
-- arrived before any other event of it.
CREATE TABLE report_orders (
  order_id   uuid PRIMARY KEY,
  user_id    uuid NOT NULL,
  status     text NOT NULL
             CHECK (status IN ('PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'DISCARDED')),
  total_int  bigint NOT NULL,
  version    integer NOT NULL,
  created_at timestamptz
);

-- Every report reads the orders created in its range, and only the columns included here: an
-- index-only scan of the range, never the whole table.
CREATE INDEX report_orders_created_idx ON report_orders (created_at) INCLUDE (status, total_int, user_id, order_id);

-- What each order sold of each product (an order's lines never change). Lines of the same product
-- in one order are summed, so a row is one order of one product. They carry their order's
-- created_at (which never changes either) so that a range reads the lines of the range alone,
-- from the index, whatever the table's size, and joins them to the range's orders by hash.
CREATE TABLE report_order_lines (
  order_id    uuid NOT NULL,
  product_id  uuid NOT NULL,
  created_at  timestamptz NOT NULL,
  sku         text NOT NULL,
  name        text NOT NULL,
  quantity    bigint NOT NULL,
  revenue_int bigint NOT NULL,
  PRIMARY KEY (order_id, product_id)
);

CREATE INDEX report_order_lines_created_idx ON report_order_lines (created_at)
  INCLUDE (order_id, product_id, quantity, revenue_int);

-- The latest sku and name of each product, by its updatedAt. A deleted product keeps them.
CREATE TABLE report_products (
  product_id uuid PRIMARY KEY,
  sku        text NOT NULL,
  name       text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Sign-ups, for the cohorts; no personal data.
CREATE TABLE report_users (
  user_id       uuid PRIMARY KEY,
  registered_at timestamptz NOT NULL
);

CREATE INDEX report_users_registered_idx ON report_users (registered_at);
