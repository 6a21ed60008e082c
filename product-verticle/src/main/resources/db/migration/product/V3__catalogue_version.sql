-- The catalogue's version: it changes whenever which products a list holds, or their order, could
-- change (a product added or removed; its category, sku, name, description, price or creation
-- time; whether it is in stock; any category), so the service can keep list totals and page ids
-- for a version and trust them while it stays the same. The rows of a page are always read afresh
-- by id, so other changes (stock that stays above zero at every checkout, images, attributes) do
-- not need to change it.
CREATE TABLE catalogue_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   bigint NOT NULL
);
INSERT INTO catalogue_version (version) VALUES (1);

-- Once per transaction, however many rows it changed (a bulk insert changes thousands).
CREATE FUNCTION bump_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('shop.catalogue_version_bumped', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('shop.catalogue_version_bumped', 'yes', true);
    UPDATE catalogue_version SET version = version + 1;
  END IF;
  RETURN NULL;
END $$;

-- Deferred to commit: the version row is then the last lock any transaction takes, after the
-- product rows it changed (a reservation locks several in id order), so no two can deadlock on it.
CREATE CONSTRAINT TRIGGER products_listed_insert_delete AFTER INSERT OR DELETE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalogue_version();

CREATE CONSTRAINT TRIGGER products_listed_update AFTER UPDATE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.stock > 0) IS DISTINCT FROM (NEW.stock > 0)
     OR ROW(OLD.sku, OLD.name, OLD.description, OLD.price_int, OLD.category_id, OLD.created_at)
        IS DISTINCT FROM ROW(NEW.sku, NEW.name, NEW.description, NEW.price_int, NEW.category_id, NEW.created_at))
  EXECUTE FUNCTION bump_catalogue_version();

CREATE CONSTRAINT TRIGGER categories_listed_change AFTER INSERT OR UPDATE OR DELETE ON categories
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalogue_version();
