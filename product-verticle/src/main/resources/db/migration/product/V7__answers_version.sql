-- The version of the catalogue's answers: it changes with every write of a product or a category
-- (stock, prices, images, anything a product's or category's answer shows), so the service can
-- keep whole list pages as they were answered and trust one while the version is unchanged, which
-- a read of this one value tells it. catalogue_version (V3) changes only when a list's members or
-- order could; whenever it changes, this changes too.
ALTER TABLE catalogue_version ADD COLUMN answers_version bigint NOT NULL DEFAULT 1;

-- Once per transaction, however many rows it wrote, and deferred to commit like V3's bump: the
-- version row is then the last lock any writer takes (V3's bump updates the same row: one lock).
CREATE FUNCTION bump_answers_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('shop.answers_version_bumped', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('shop.answers_version_bumped', 'yes', true);
    UPDATE catalogue_version SET answers_version = answers_version + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER products_answered_change AFTER INSERT OR UPDATE OR DELETE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_answers_version();

CREATE CONSTRAINT TRIGGER categories_answered_change AFTER INSERT OR UPDATE OR DELETE ON categories
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_answers_version();
