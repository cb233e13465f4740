-- Version 26: a B-tree index on the growing-area code of farms and zones. The code is how
-- traceability finds a product's farms ("?growing_area_code=VN-…" or a filter naming it), and
-- without an index each such page read the whole layer: 60 ms at 200,000 farms, seconds at ten
-- million, for an answer of a few rows.
CREATE INDEX "farms_growing_area_code_idx" ON "farms" ("growing_area_code");
CREATE INDEX "zones_growing_area_code_idx" ON "zones" ("growing_area_code");
