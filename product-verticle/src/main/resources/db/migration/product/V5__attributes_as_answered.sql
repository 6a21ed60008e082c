-- A product's attributes are a JSON object or absent, and are answered as PostgreSQL writes them,
-- without parsing (Product.writeTo): nothing but an object may be stored, and the text is written
-- once, at each write of the row, instead of at every read (converting jsonb to text was about a
-- tenth of PostgreSQL's time for a page of 20 products).
ALTER TABLE products ADD CONSTRAINT products_attributes_object
  CHECK (attributes IS NULL OR jsonb_typeof(attributes) = 'object');
ALTER TABLE products ADD COLUMN attributes_json text GENERATED ALWAYS AS (attributes::text) STORED;
