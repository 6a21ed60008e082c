-- Anonymous carts left alone for SHOP_SESSION_CART_KEPT_SECONDS are deleted (SessionCartPruning):
-- this index finds them without scanning the carts of every visitor.
CREATE INDEX carts_session_updated_at_idx ON carts (updated_at) WHERE session_id IS NOT NULL;
