-- The administrators' listing of all orders (GET /admin/orders), newest first: all of them, or
-- of one status; the per-user listings use orders_user_idx and orders_user_status_idx (V1).
-- docs/orders.md ("Counting and paging at scale") has the plans these were chosen for.
CREATE INDEX orders_created_idx ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC, id DESC);
