-- reserve_stock() with a fifth argument, p_products_locked: whether the caller's transaction holds
-- the products' row locks already. The service writes the reservations that arrive together in
-- one transaction, which locks the products of all of them first, in id order, and then reserves
-- each one (dev.shop.product.reservation.ReservationRepository). For those, two of the function's
-- five statements are wasted work: the refusal from a snapshot before locking (a group waits for
-- its locks once, before any of its reservations) and the lock itself. With p_products_locked
-- false the function does exactly what V11's did; V11's four-argument form is dropped, so there is
-- one function to read.
--
-- A group takes its products' locks before its reservation rows, where a reservation alone takes
-- its row first (V9): a retry of a reservation racing that order's release could then deadlock;
-- PostgreSQL aborts one of the two, and a group that fails is written again one reservation at a
-- time, each as V9 orders it.
DROP FUNCTION reserve_stock(uuid, uuid[], integer[], integer);

CREATE FUNCTION reserve_stock(p_order_id uuid, p_product_ids uuid[], p_quantities integer[], p_ttl_seconds integer,
    p_products_locked boolean)
  RETURNS TABLE (outcome text, product_id uuid, quantity integer, price_int bigint, sku text, name text, slug text,
    image_urls text[], stock integer)
  LANGUAGE plpgsql
  -- PL/pgSQL would plan its statements again at every call (their array parameters make the
  -- planner expect more of a custom plan): about 450 of a call's 1,100 µs, measured. The generic
  -- plans are the ones wanted whatever the arrays hold: primary-key lookups.
  SET plan_cache_mode = force_generic_plan
  AS $$
#variable_conflict use_column
DECLARE
  existing_status text;
BEGIN
  -- The refusal without a lock or a write: what this statement's snapshot shows was true when it
  -- was taken, so a product short of stock (or missing) there was short at that moment. Only an
  -- order without a reservation is refused here (a retry of a reservation made answers it below,
  -- however little stock is left); the reservation and the stock are read in the one snapshot, so
  -- a retry's own decrement is never seen without its reservation. Stock that looks sufficient is
  -- checked again below, under the products' locks.
  IF NOT p_products_locked THEN
    RETURN QUERY
      SELECT CASE WHEN p.id IS NULL THEN 'missing' ELSE 'short' END, w.product_id, w.quantity, NULL::bigint,
          NULL::text, NULL::text, NULL::text, NULL::text[], p.stock
        FROM unnest(p_product_ids, p_quantities) AS w (product_id, quantity)
        LEFT JOIN products p ON p.id = w.product_id
        WHERE (p.id IS NULL OR p.stock < w.quantity)
          AND NOT EXISTS (SELECT 1 FROM stock_reservations r WHERE r.order_id = p_order_id)
        ORDER BY w.product_id;
    IF FOUND THEN
      RETURN;
    END IF;
  END IF;

  INSERT INTO stock_reservations (order_id, status, expires_at)
    VALUES (p_order_id, 'PENDING', now() + p_ttl_seconds * interval '1 second')
    ON CONFLICT (order_id) DO NOTHING;
  IF NOT FOUND THEN
    SELECT r.status INTO existing_status FROM stock_reservations r WHERE r.order_id = p_order_id;
    IF existing_status = 'RELEASED' THEN
      RETURN QUERY SELECT 'released'::text, NULL::uuid, NULL::integer, NULL::bigint, NULL::text, NULL::text,
        NULL::text, NULL::text[], NULL::integer;
    ELSE
      RETURN QUERY SELECT 'kept'::text, i.product_id, i.quantity, i.price_int, i.sku, i.name, i.slug, i.image_urls,
          NULL::integer
        FROM stock_reservation_items i WHERE i.order_id = p_order_id ORDER BY i.product_id;
    END IF;
    RETURN;
  END IF;

  IF NOT p_products_locked THEN
    PERFORM 1 FROM products p WHERE p.id = ANY (p_product_ids) ORDER BY p.id FOR UPDATE;
  END IF;

  RETURN QUERY
    SELECT CASE WHEN p.id IS NULL THEN 'missing' ELSE 'short' END, w.product_id, w.quantity, NULL::bigint,
        NULL::text, NULL::text, NULL::text, NULL::text[], p.stock
      FROM unnest(p_product_ids, p_quantities) AS w (product_id, quantity)
      LEFT JOIN products p ON p.id = w.product_id
      WHERE p.id IS NULL OR p.stock < w.quantity
      ORDER BY w.product_id;
  IF FOUND THEN
    DELETE FROM stock_reservations r WHERE r.order_id = p_order_id;
    RETURN;
  END IF;

  RETURN QUERY
    WITH taken AS (
      UPDATE products p SET stock = p.stock - w.quantity, updated_at = now()
        FROM unnest(p_product_ids, p_quantities) AS w (product_id, quantity)
        WHERE p.id = w.product_id
        RETURNING p.id, w.quantity, p.price_int, p.sku, p.name, p.slug, p.image_urls
    ), lines AS (
      INSERT INTO stock_reservation_items (order_id, product_id, quantity, price_int, sku, name, slug, image_urls)
        SELECT p_order_id, t.id, t.quantity, t.price_int, t.sku, t.name, t.slug, t.image_urls FROM taken t
    )
    SELECT 'reserved'::text, t.id, t.quantity, t.price_int, t.sku, t.name, t.slug, t.image_urls, NULL::integer
      FROM taken t ORDER BY t.id;
END $$;
