-- The version of the catalogue's answers: it changes with every write of a product or a category
-- (stock, prices, images, anything a product's or category's answer shows), so the service can
-- keep whole list pages as they were answered and trust one while the version is unchanged, which
-- a read of this one value tells it. catalogue_version (V3) changes only when a list's members or
-- order could; whenever it changes, this changes too.
ALTER TABLE catalogue_version ADD COLUMN answers_version bigint NOT NULL DEFAULT 1;

-- V3's bump, for either column (the trigger's argument): once per transaction and column, however
-- many rows it wrote, and deferred to commit, so the version row is the last lock any writer takes
-- (both columns are in the one row: one lock).
CREATE FUNCTION bump_catalogue_column() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bumped text := 'shop.bumped_' || TG_ARGV[0];
BEGIN
  IF current_setting(bumped, true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config(bumped, 'yes', true);
    EXECUTE format('UPDATE catalogue_version SET %1$I = %1$I + 1', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER products_listed_insert_delete ON products;
DROP TRIGGER products_listed_update ON products;
DROP TRIGGER categories_listed_change ON categories;
DROP FUNCTION bump_catalogue_version();

CREATE CONSTRAINT TRIGGER products_listed_insert_delete AFTER INSERT OR DELETE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalogue_column('version');

CREATE CONSTRAINT TRIGGER products_listed_update AFTER UPDATE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.stock > 0) IS DISTINCT FROM (NEW.stock > 0)
     OR ROW(OLD.sku, OLD.name, OLD.description, OLD.price_int, OLD.category_id, OLD.created_at)
        IS DISTINCT FROM ROW(NEW.sku, NEW.name, NEW.description, NEW.price_int, NEW.category_id, NEW.created_at))
  EXECUTE FUNCTION bump_catalogue_column('version');

CREATE CONSTRAINT TRIGGER categories_listed_change AFTER INSERT OR UPDATE OR DELETE ON categories
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalogue_column('version');

CREATE CONSTRAINT TRIGGER products_answered_change AFTER INSERT OR UPDATE OR DELETE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalogue_column('answers_version');

CREATE CONSTRAINT TRIGGER categories_answered_change AFTER INSERT OR UPDATE OR DELETE ON categories
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_catalogue_column('answers_version');
