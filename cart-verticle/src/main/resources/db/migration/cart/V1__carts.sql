-- A cart belongs to exactly one owner: a user, or an anonymous session. The unique keys make a
-- concurrent first add find the same cart (INSERT ... ON CONFLICT) instead of making two.
CREATE TABLE carts (
  id         uuid PRIMARY KEY,
  user_id    uuid,
  session_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT carts_one_owner CHECK ((user_id IS NULL) <> (session_id IS NULL)),
  CONSTRAINT carts_user_id_key UNIQUE (user_id),
  CONSTRAINT carts_session_id_key UNIQUE (session_id)
);

-- product_id refers to the product service's products: no foreign key across databases; lines of
-- products deleted since are removed when the cart is next read.
CREATE TABLE cart_items (
  id         uuid PRIMARY KEY,
  cart_id    uuid NOT NULL REFERENCES carts (id) ON DELETE CASCADE,
  product_id uuid NOT NULL,
  quantity   integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  -- The product's price when the line was added; adding more to the line keeps it.
  price_int  bigint NOT NULL CHECK (price_int > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One line per product: concurrent adds of a product meet here and sum their quantities.
  CONSTRAINT cart_items_cart_product_key UNIQUE (cart_id, product_id)
);
