-- Version 23: the farms cells' primary key carries the count and the one farm's id (INCLUDE), so
-- that a tile reads its cells from the index alone (an index-only scan). A z10 tile over the densest
-- district at ten million farms reads about 44,000 rows (a cell per main product), and fetching each
-- from the table touched some 17,000 pages in no order: 44 ms of a 70 ms tile, against 20 ms from
-- the index. The counts' updates stop being HOT (they change an indexed column); inserting 100,000
-- farms measured the same within noise (10.7-14.6 s before, 11.2-11.7 s after).
CREATE UNIQUE INDEX "farms_cells_covering" ON "farms_cells" ("z", "tx", "ty", "cx", "cy", "value") INCLUDE ("n", "one_id");
ALTER TABLE "farms_cells" DROP CONSTRAINT "farms_cells_pkey",
    ADD CONSTRAINT "farms_cells_pkey" PRIMARY KEY USING INDEX "farms_cells_covering";
