-- The orders the product service's reservation sweeper was told do not exist (order.exists): it
-- gave their reserved stock back, so they must never be written afterwards. A checkout's order
-- insert and order.exists take the same advisory lock on the order's id (its low 64 bits) first,
-- so one of them finishes before the other starts: an order insert that comes after the answer
-- finds its id here and writes nothing; an answer that comes after the insert sees the order.
-- Rows appear only for checkouts that stopped between their reservation and their order (a crash,
-- an order database that did not answer): a failed insert releases its reservation itself. They
-- are pruned with the idempotency keys (IdempotencyKeys.pruning), once their checkouts are long
-- over; the table stays small, so the pruning's scan of it needs no index.
CREATE TABLE discarded_orders (
  order_id     uuid PRIMARY KEY,
  discarded_at timestamptz NOT NULL DEFAULT now()
);
