-- The functions of V6 that write a product's and a category's answer at each write of the row, and
-- V7's version bump, rewritten so that a write costs PostgreSQL a fraction of what it did. Their
-- results are the same, byte for byte, so the answers already stored stay valid.
--
-- Why: a generated column's expression is not planned, so the SQL functions V6 wrote are never
-- inlined there; each call ran as a query of its own (V6's product_response_head and its eleven
-- nested shop_json and shop_json_timestamp calls, set up again for every row written). Measured
-- with pgbench on a pool of 500 products (one client, 100,000 products seeded): one stock
-- decrement took about 600 µs with V6's functions and about 165 µs with these PL/pgSQL ones, which
-- keep their compiled expressions for the session and call only built-in functions. A checkout
-- takes stock of one to three products; this was most of its time in PostgreSQL. The same holds
-- for V7's bump: EXECUTE parsed and planned its UPDATE again at every commit.
--
-- IMMUTABLE holds as it did in V6: only the row's own columns are read, timestamps are formatted
-- in UTC whatever the session's time zone, and to_json of text, uuid and arrays does not depend on
-- any setting.

CREATE OR REPLACE FUNCTION product_response_head(id uuid, sku text, name text, slug text, price_int bigint,
    stock integer, description text, image_urls text[], category_id uuid, attributes jsonb, model3d_url text,
    created_at timestamptz, updated_at timestamptz) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$ BEGIN
    RETURN '{"id":' || coalesce(to_json(id)::text, 'null') || ',"sku":' || coalesce(to_json(sku)::text, 'null')
      || ',"name":' || coalesce(to_json(name)::text, 'null') || ',"slug":' || coalesce(to_json(slug)::text, 'null')
      || ',"priceInt":' || price_int || ',"stock":' || stock
      || ',"description":' || coalesce(to_json(description)::text, 'null')
      || ',"imageUrls":' || coalesce(to_json(image_urls)::text, 'null')
      || ',"categoryId":' || coalesce(to_json(category_id)::text, 'null')
      || ',"attributes":' || coalesce(attributes::text, 'null')
      || ',"model3dUrl":' || coalesce(to_json(model3d_url)::text, 'null')
      || ',"createdAt":' || coalesce('"' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
      || ',"updatedAt":' || coalesce('"' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null');
  END $$;

CREATE OR REPLACE FUNCTION category_response(id uuid, name text, slug text, description text, parent_id uuid,
    created_at timestamptz, updated_at timestamptz) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$ BEGIN
    RETURN '{"id":' || coalesce(to_json(id)::text, 'null') || ',"name":' || coalesce(to_json(name)::text, 'null')
      || ',"slug":' || coalesce(to_json(slug)::text, 'null')
      || ',"description":' || coalesce(to_json(description)::text, 'null')
      || ',"parentId":' || coalesce(to_json(parent_id)::text, 'null')
      || ',"createdAt":' || coalesce('"' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
      || ',"updatedAt":' || coalesce('"' || to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')
      || '}';
  END $$;

-- V7's bump with its two statements written out, so PL/pgSQL keeps their plans for the session.
CREATE OR REPLACE FUNCTION bump_catalogue_column() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped text := 'shop.bumped_' || TG_ARGV[0];
BEGIN
  IF current_setting(bumped, true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config(bumped, 'yes', true);
    IF TG_ARGV[0] = 'version' THEN
      UPDATE catalogue_version SET version = version + 1;
    ELSIF TG_ARGV[0] = 'answers_version' THEN
      UPDATE catalogue_version SET answers_version = answers_version + 1;
    ELSE
      RAISE EXCEPTION 'bump_catalogue_column: unknown column %', TG_ARGV[0];
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- shop_json and shop_json_timestamp (V6) are no longer called by anything.
DROP FUNCTION shop_json(anyelement);
DROP FUNCTION shop_json_timestamp(timestamptz);
