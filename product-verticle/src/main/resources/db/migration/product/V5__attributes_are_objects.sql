-- A product's attributes are a JSON object or absent: the service answers the stored text as it
-- is (Product.writeTo), without parsing it, so nothing else may be stored there.
ALTER TABLE products ADD CONSTRAINT products_attributes_object
  CHECK (attributes IS NULL OR jsonb_typeof(attributes) = 'object');
