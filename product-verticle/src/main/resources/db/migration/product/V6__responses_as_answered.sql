-- A product's answer (the contract's ProductResponse) is written by PostgreSQL at each write of the
-- row, not by the service at each read: a list page is twenty products, and decoding their 20
-- columns and encoding them again as JSON was most of the service's time for a page. A read now
-- fetches one text per product (the product's part joined with its category's, which a category
-- change rewrites once instead of in every product it holds).
--
-- The functions below only ever see the row's own columns and format timestamps in UTC whatever
-- the session's time zone, so declaring them IMMUTABLE (which generated columns need) is safe; as
-- with shop_fold, to_json and to_char are merely STABLE in general.

-- A timestamp as the contract writes it (ISO-8601 UTC, milliseconds truncated, Timestamps.java).
CREATE FUNCTION shop_json_timestamp(t timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce('"' || to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null') $$;

-- Any value as JSON, null as null.
CREATE FUNCTION shop_json(v anyelement) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(to_json(v)::text, 'null') $$;

-- The CategoryResponse without parent and children, as a product embeds it.
CREATE FUNCTION category_response(id uuid, name text, slug text, description text, parent_id uuid,
    created_at timestamptz, updated_at timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT '{"id":' || shop_json(id) || ',"name":' || shop_json(name) || ',"slug":' || shop_json(slug)
    || ',"description":' || shop_json(description) || ',"parentId":' || shop_json(parent_id)
    || ',"createdAt":' || shop_json_timestamp(created_at) || ',"updatedAt":' || shop_json_timestamp(updated_at)
    || '}' $$;

-- The ProductResponse up to its category: the object without its last member, "category", and
-- without its closing brace (product_answer below adds both).
CREATE FUNCTION product_response_head(id uuid, sku text, name text, slug text, price_int bigint, stock integer,
    description text, image_urls text[], category_id uuid, attributes jsonb, model3d_url text,
    created_at timestamptz, updated_at timestamptz) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT '{"id":' || shop_json(id) || ',"sku":' || shop_json(sku) || ',"name":' || shop_json(name)
    || ',"slug":' || shop_json(slug) || ',"priceInt":' || price_int || ',"stock":' || stock
    || ',"description":' || shop_json(description) || ',"imageUrls":' || shop_json(image_urls)
    || ',"categoryId":' || shop_json(category_id) || ',"attributes":' || coalesce(attributes::text, 'null')
    || ',"model3dUrl":' || shop_json(model3d_url) || ',"createdAt":' || shop_json_timestamp(created_at)
    || ',"updatedAt":' || shop_json_timestamp(updated_at) $$;

ALTER TABLE categories ADD COLUMN response text GENERATED ALWAYS AS (
  category_response(id, name, slug, description, parent_id, created_at, updated_at)) STORED;

-- Replaces V5's attributes_json: the attributes are now written into response_head.
ALTER TABLE products DROP COLUMN attributes_json;
ALTER TABLE products ADD COLUMN response_head text GENERATED ALWAYS AS (
  product_response_head(id, sku, name, slug, price_int, stock, description, image_urls, category_id, attributes,
    model3d_url, created_at, updated_at)) STORED;

-- The whole ProductResponse from a product's response_head and its category's response (null:
-- none), as UTF-8 bytes the service answers without decoding them.
CREATE FUNCTION product_answer(head text, category text) RETURNS bytea
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT convert_to(head || ',"category":' || coalesce(category, 'null') || '}', 'UTF8') $$;
