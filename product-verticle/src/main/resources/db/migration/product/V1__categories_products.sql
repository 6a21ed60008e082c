-- Search folds case and accents ("dien thoai" finds "Điện thoại"). unaccent() is only STABLE
-- (its dictionary could change), so it cannot appear in an index or a generated column; this
-- wrapper names the dictionary explicitly and is declared IMMUTABLE, the usual, safe idiom as
-- long as unaccent.rules is not edited (re-index if it ever is).
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION shop_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE categories (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  slug        text NOT NULL,
  description text,
  -- RESTRICT: a category with children cannot be deleted (the service answers 409).
  parent_id   uuid REFERENCES categories (id) ON DELETE RESTRICT,
  name_folded text GENERATED ALWAYS AS (shop_fold(name)) STORED,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT categories_slug_key UNIQUE (slug),
  CONSTRAINT categories_not_own_parent CHECK (parent_id <> id)
);

CREATE INDEX categories_parent_idx ON categories (parent_id, name_folded, id);
CREATE INDEX categories_name_folded_idx ON categories (name_folded, id);
CREATE INDEX categories_name_trgm_idx ON categories USING gin (name_folded gin_trgm_ops);
-- Derived slugs look for taken "slug-N" suffixes with a prefix LIKE.
CREATE INDEX categories_slug_prefix_idx ON categories (slug text_pattern_ops);

CREATE TABLE products (
  id          uuid PRIMARY KEY,
  sku         text NOT NULL,
  name        text NOT NULL,
  slug        text NOT NULL,
  price_int   bigint NOT NULL CHECK (price_int > 0),
  stock       integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  description text,
  image_urls  text[] NOT NULL DEFAULT '{}',
  -- A deleted category leaves its products without one.
  category_id uuid REFERENCES categories (id) ON DELETE SET NULL,
  attributes  jsonb,
  model3d_url text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- What search matches and ranks on, folded once at write time.
  name_folded text GENERATED ALWAYS AS (shop_fold(name)) STORED,
  search_text text GENERATED ALWAYS AS (
    shop_fold(sku || ' ' || name || ' ' || coalesce(description, ''))) STORED,
  CONSTRAINT products_sku_key UNIQUE (sku),
  CONSTRAINT products_slug_key UNIQUE (slug)
);

-- Substring search (LIKE '%word%') over name, sku and description, accent- and case-insensitive.
CREATE INDEX products_search_trgm_idx ON products USING gin (search_text gin_trgm_ops);
-- Filters and the orders of the list; each ends with id so pages are stable.
CREATE INDEX products_category_idx ON products (category_id, created_at DESC, id DESC);
CREATE INDEX products_created_at_idx ON products (created_at DESC, id DESC);
CREATE INDEX products_price_idx ON products (price_int, id);
CREATE INDEX products_name_folded_idx ON products (name_folded, id);
CREATE INDEX products_sku_lower_idx ON products (lower(sku));
CREATE INDEX products_slug_prefix_idx ON products (slug text_pattern_ops);
