-- A category's products in each order of the list (newest has products_category_idx): a page of
-- a category subtree reads each category's first products from these and merges them, instead of
-- sorting the whole subtree (ProductRepository.categoryPageStatement).
CREATE INDEX products_category_price_idx ON products (category_id, price_int, id);
CREATE INDEX products_category_name_idx ON products (category_id, name_folded, id);
