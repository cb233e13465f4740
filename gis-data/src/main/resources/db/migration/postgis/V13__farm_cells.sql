-- Version 13: farms counted per tile cell, so that a low-zoom farms tile costs its cells, not the
-- farms under it (issue 17: ten million farms). Below zoom 13 (the catalogue's tiles.aggregate)
-- a farms tile holds one feature per cell of a 64 × 64 grid per tile: the farm itself where the
-- cell has one, else a point with the count and the most common main product. The cells of zooms
-- 8 to 12 (the farms' minzoom to aggregate.below - 1) are kept here by statement triggers, whoever
-- writes the farms (the API, the loader, psql, QGIS): a tile then reads at most 4,096 cells by
-- primary key (a tile's cells are one range of it: zoom, tile column, tile row), plus one farm by the GIST index for each cell of one farm.
-- A cell is that of a farm's representative point, the centre of its longitude/latitude box, in
-- Web Mercator; TileCells in tile-cache has the same formulas for the embedded store.
-- Counts only move by the rows a statement touched. A cell whose farms are all gone keeps a row
-- with n = 0 (removing it could deadlock two writers); tiles skip it. An UPDATE that moves no farm
-- to another cell or value leaves the counts, and their rows' locks, alone.

CREATE TABLE "farms_cells" (
    "z" smallint NOT NULL,
    "tx" integer NOT NULL,
    "ty" integer NOT NULL,
    "cx" integer NOT NULL,
    "cy" integer NOT NULL,
    "value" text COLLATE "C" NOT NULL,
    "n" integer NOT NULL,
    PRIMARY KEY ("z", "tx", "ty", "cx", "cy", "value")
);
COMMENT ON TABLE "farms_cells" IS 'Farms per tile cell and main product at zooms 8-12, kept by trigger, for low-zoom tiles';

-- the cell column and row of a geometry's representative point at zoom z (64 cells per tile)
CREATE FUNCTION "cell_x"("g" public.geometry, "z" integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT floor(((public.ST_XMin(g) + public.ST_XMax(g)) / 2 * (pi() * 6378137.0) / 180 + pi() * 6378137.0)
                 / (2 * pi() * 6378137.0) * (2 ^ (z + 6)))::integer
$$;
CREATE FUNCTION "cell_y"("g" public.geometry, "z" integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT floor((pi() * 6378137.0 - ln(tan(pi() / 4 + radians(greatest(-85.0511287798066, least(85.0511287798066,
                 (public.ST_YMin(g) + public.ST_YMax(g)) / 2))) / 2)) * 6378137.0)
                 / (2 * pi() * 6378137.0) * (2 ^ (z + 6)))::integer
$$;

-- runs with its owner's rights, so a role allowed to write the farms (an editor in QGIS) needs no
-- rights on the counts
CREATE FUNCTION "count_farm_cells"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE "ruralatlas"."farms_cells";
        RETURN NULL;
    END IF;
    -- each transition table in a statement of its own: only those of this event exist. Each
    -- farm's zoom-12 cell is computed once; a cell of zoom z is that cell shifted right by 12 - z
    -- (floor(u * 2^18) >> k = floor(u * 2^(18 - k))). Keys in order, so that two writers lock
    -- the rows they share in the same order.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "ruralatlas"."farms_cells" AS c ("z", "tx", "ty", "cx", "cy", "value", "n")
        SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, sum(b.n)
        FROM (SELECT "ruralatlas"."cell_x"("geom", 12) AS cx, "ruralatlas"."cell_y"("geom", 12) AS cy,
                     coalesce("main_product", '') AS value, count(*) AS n
              FROM "changed_new" GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("z", "tx", "ty", "cx", "cy", "value") DO UPDATE SET "n" = c."n" + excluded."n";
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "ruralatlas"."farms_cells" AS c ("z", "tx", "ty", "cx", "cy", "value", "n")
        SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, -sum(b.n)
        FROM (SELECT "ruralatlas"."cell_x"("geom", 12) AS cx, "ruralatlas"."cell_y"("geom", 12) AS cy,
                     coalesce("main_product", '') AS value, count(*) AS n
              FROM "changed_old" GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("z", "tx", "ty", "cx", "cy", "value") DO UPDATE SET "n" = c."n" + excluded."n";
    ELSE
        INSERT INTO "ruralatlas"."farms_cells" AS c ("z", "tx", "ty", "cx", "cy", "value", "n")
        SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, sum(b.n)
        FROM (SELECT "ruralatlas"."cell_x"("geom", 12) AS cx, "ruralatlas"."cell_y"("geom", 12) AS cy,
                     coalesce("main_product", '') AS value, sum(d) AS n
              FROM (SELECT "geom", "main_product", 1 AS d FROM "changed_new"
                    UNION ALL SELECT "geom", "main_product", -1 FROM "changed_old") f
              GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(b.n) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT ("z", "tx", "ty", "cx", "cy", "value") DO UPDATE SET "n" = c."n" + excluded."n";
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "farms_cells_insert" AFTER INSERT ON "farms" REFERENCING NEW TABLE AS "changed_new"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."count_farm_cells"();
CREATE TRIGGER "farms_cells_update" AFTER UPDATE ON "farms" REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."count_farm_cells"();
CREATE TRIGGER "farms_cells_delete" AFTER DELETE ON "farms" REFERENCING OLD TABLE AS "changed_old"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."count_farm_cells"();
CREATE TRIGGER "farms_cells_truncate" AFTER TRUNCATE ON "farms"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."count_farm_cells"();

INSERT INTO "farms_cells" ("z", "tx", "ty", "cx", "cy", "value", "n")
SELECT z, b.cx >> (12 - z) >> 6, b.cy >> (12 - z) >> 6, b.cx >> (12 - z), b.cy >> (12 - z), b.value, sum(b.n)
FROM (SELECT "cell_x"("geom", 12) AS cx, "cell_y"("geom", 12) AS cy, coalesce("main_product", '') AS value, count(*) AS n
      FROM "farms" GROUP BY 1, 2, 3) b CROSS JOIN generate_series(8, 12) z
GROUP BY 1, 2, 3, 4, 5, 6;
