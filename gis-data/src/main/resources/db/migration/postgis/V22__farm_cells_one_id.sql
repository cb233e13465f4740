-- Version 22: a cell of one farm names that farm (issue 17, z12 tiles at ten million farms). A
-- farms tile below zoom 13 draws such a cell as the farm itself, and found it through the GIST
-- index in the cell's box: about 34 us each, and a z12 tile over the densest district holds over a
-- thousand of them. "one_id" is the id of the cell's one farm where the trigger knows it (the farm
-- that made the count 1 by coming in), else NULL (a count brought down to 1 by a delete or a move
-- away). It is a hint: the tile reads the farm by primary key and checks that it is still in the
-- cell (a farm_id renamed in place leaves the hint stale), falling back to the GIST lookup.

ALTER TABLE "farms_cells" ADD COLUMN "one_id" text COLLATE "C";
COMMENT ON COLUMN "farms_cells"."one_id" IS 'Where n = 1, the farm_id of that farm when known (a hint, checked by the tile query)';

CREATE OR REPLACE FUNCTION "count_farm_cells"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE "ruralatlas"."farms_cells";
        RETURN NULL;
    END IF;
    -- as in V13; a row's one_id is the farm that came into an empty cell alone. A row whose
    -- count was not 0 before has another farm in it already, so a count of 1 after comes from a
    -- delete or a move away, which does not say which farm is left: NULL.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "ruralatlas"."farms_cells" AS c ("z", "tx", "ty", "cx", "cy", "value", "n", "one_id")
        SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, sum(b.n),
               CASE WHEN sum(b.n) = 1 THEN min(b.one_id) END
        FROM (SELECT "ruralatlas"."cell_x"("geom", 12) AS cx, "ruralatlas"."cell_y"("geom", 12) AS cy,
                     coalesce("main_product", '') AS value, count(*) AS n, min("farm_id") AS one_id
              FROM "changed_new" GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("z", "tx", "ty", "cx", "cy", "value") DO UPDATE SET "n" = c."n" + excluded."n",
            "one_id" = CASE WHEN c."n" = 0 THEN excluded."one_id" END;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "ruralatlas"."farms_cells" AS c ("z", "tx", "ty", "cx", "cy", "value", "n")
        SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, -sum(b.n)
        FROM (SELECT "ruralatlas"."cell_x"("geom", 12) AS cx, "ruralatlas"."cell_y"("geom", 12) AS cy,
                     coalesce("main_product", '') AS value, count(*) AS n
              FROM "changed_old" GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("z", "tx", "ty", "cx", "cy", "value") DO UPDATE SET "n" = c."n" + excluded."n", "one_id" = NULL;
    ELSE
        INSERT INTO "ruralatlas"."farms_cells" AS c ("z", "tx", "ty", "cx", "cy", "value", "n", "one_id")
        SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, sum(b.n),
               CASE WHEN sum(b.n) = 1 THEN min(b.one_id) END
        FROM (SELECT "ruralatlas"."cell_x"("geom", 12) AS cx, "ruralatlas"."cell_y"("geom", 12) AS cy,
                     coalesce("main_product", '') AS value, sum(d) AS n, min("farm_id") FILTER (WHERE d = 1) AS one_id
              FROM (SELECT "farm_id", "geom", "main_product", 1 AS d FROM "changed_new"
                    UNION ALL SELECT "farm_id", "geom", "main_product", -1 FROM "changed_old") f
              GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(b.n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("z", "tx", "ty", "cx", "cy", "value") DO UPDATE SET "n" = c."n" + excluded."n",
            "one_id" = CASE WHEN c."n" = 0 THEN excluded."one_id" END;
    END IF;
    RETURN NULL;
END;
$$;

-- Cells written before this version name no farm: they are named as farms come into them, and all
-- at once by a reload (`load`). Naming them here would cost a start-up a pass over every farm and
-- an update of every cell of one farm: at ten million farms, more than ten minutes (measured,
-- stopped), against the GIST lookup they keep meanwhile.
