-- Version 9: what CQL2 filters (gis-data filter/, PostGIS translation in FilterSql) need to use
-- indexes. Named V9 because V7 and V8 are taken by work in flight elsewhere.
--
-- The two folding functions compute exactly what VietnameseText.accentInsensitive and
-- caseInsensitive compute in Java (the GeoPackage store evaluates filters in Java), so both
-- stores give the same answers; FoldingParityTest checks it on every character. They are
-- IMMUTABLE so that an index can hold their result: a filter such as
--   CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Hoà%'))
-- becomes  casei(accenti("name")) LIKE '%hoa%'  and is answered from the trigram index below.

-- ACCENTI: decomposed (NFD), combining diacritical marks U+0300..U+036F dropped, đ/Đ -> d/D
CREATE FUNCTION "accenti"(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT translate(regexp_replace(normalize($1, NFD), '[\u0300-\u036f]', '', 'g'), 'đĐ', 'dD') $$;

-- CASEI: full upper-case then full lower-case mapping, with ICU's root locale whatever the
-- database's own locale (Java's String.toUpperCase/toLowerCase(Locale.ROOT) do the same)
CREATE FUNCTION "casei"(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT lower(upper($1 COLLATE "und-x-icu")) $$;

-- CQL2 % on double precision, as org.ruralatlas.data.filter.Float8.modulo: a - b * trunc(a / b)
CREATE FUNCTION "cql2_mod"(double precision, double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT $1 - $2 * trunc($1 / $2) $$;

COMMENT ON FUNCTION "accenti"(text) IS 'CQL2 ACCENTI, as org.ruralatlas.data.text.VietnameseText.accentInsensitive';
COMMENT ON FUNCTION "casei"(text) IS 'CQL2 CASEI, as org.ruralatlas.data.text.VietnameseText.caseInsensitive';

-- names folded both ways, for "contains" (LIKE '%…%') and equality however the name is typed
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
CREATE INDEX "farms_name_folded_idx" ON "farms" USING gin ("casei"("accenti"("name")) public.gin_trgm_ops);
CREATE INDEX "zones_name_folded_idx" ON "zones" USING gin ("casei"("accenti"("name")) public.gin_trgm_ops);
CREATE INDEX "communes_name_folded_idx" ON "communes" USING gin ("casei"("accenti"("name")) public.gin_trgm_ops);
CREATE INDEX "tourism_name_folded_idx" ON "tourism" USING gin ("casei"("accenti"("name")) public.gin_trgm_ops);
CREATE INDEX "provinces_name_folded_idx" ON "provinces" USING gin ("casei"("accenti"("name")) public.gin_trgm_ops);

-- B-trees for the attribute filters planners use most (codes, ntm_level and category have theirs from V1)
CREATE INDEX "farms_main_product_idx" ON "farms" ("main_product");
CREATE INDEX "farms_area_ha_idx" ON "farms" ("area_ha");
CREATE INDEX "zones_commodity_idx" ON "zones" ("commodity");
CREATE INDEX "communes_criteria_met_idx" ON "communes" ("criteria_met");
