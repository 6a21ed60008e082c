CREATE TABLE payments (
  id             uuid PRIMARY KEY,
  order_id       uuid NOT NULL,
  -- The order's owner, copied at creation: who may read the payment.
  user_id        uuid NOT NULL,
  method         text NOT NULL CHECK (method IN ('COD', 'SePay')),
  -- The order's total when the payment was made; the provider must pay exactly this.
  amount_int     bigint NOT NULL CHECK (amount_int >= 0),
  status         text NOT NULL CHECK (status IN ('PENDING', 'SUCCESS', 'FAILED', 'REFUNDED')),
  -- The unique transfer reference the customer writes in the bank transfer (SePay).
  reference      text NOT NULL UNIQUE,
  transaction_id text,
  -- The provider's last notice about this payment, as it sent it.
  payload        jsonb,
  status_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- At most one payment of an order is open (pending) or paid: a second process of the order
-- finds it, and of two racing ones only one is inserted.
CREATE UNIQUE INDEX payments_open_per_order_idx ON payments (order_id) WHERE status IN ('PENDING', 'SUCCESS');
CREATE INDEX payments_order_idx ON payments (order_id, created_at DESC);

-- Every provider transaction seen, so the same notice delivered twice changes nothing.
CREATE TABLE payment_transactions (
  transaction_id text PRIMARY KEY,
  payment_id     uuid NOT NULL REFERENCES payments (id),
  received_at    timestamptz NOT NULL DEFAULT now()
);
