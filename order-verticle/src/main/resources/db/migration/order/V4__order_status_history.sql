-- Every status an order has had, one row per version: PENDING when it was created, then each
-- move. Written by the statement that inserts or moves the order (OrderRepository), so a row's
-- version, status and time are the order's own as that statement wrote them.
CREATE TABLE order_status_history (
  order_id   uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  status     text NOT NULL CHECK (status IN ('PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
  -- The cancel's reason, when one was given; null for other moves.
  reason     text,
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (order_id, version)
);

-- The orders of before this table: their creation, and their current status when it is not the
-- first. Their intermediate moves were never recorded. An order moved before V2 still has
-- version 1 (V2 counted from there): its creation is numbered 0 so that both rows fit and its
-- next move (version 2) follows them.
INSERT INTO order_status_history (order_id, version, status, reason, changed_at)
SELECT id, CASE WHEN status <> 'PENDING' AND version = 1 THEN 0 ELSE 1 END, 'PENDING', NULL, created_at
FROM orders;

INSERT INTO order_status_history (order_id, version, status, reason, changed_at)
SELECT id, version, status, CASE WHEN status = 'CANCELLED' THEN cancel_reason END, updated_at
FROM orders
WHERE status <> 'PENDING';
