-- Counts the order's changes. Its events carry it, so a consumer that receives them out of order
-- (a redelivery overtaken by a later event) keeps the newest state.
ALTER TABLE orders ADD COLUMN version integer NOT NULL DEFAULT 1;
