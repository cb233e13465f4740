-- Version 18: /search answered by the database (issue 17, "search that scales"), instead of an
-- index of every named feature held in the server's memory. The embedded GeoPackage keeps that
-- index; PostGIS finds the candidates here and the server ranks them exactly as the index does.
--
-- A feature's search words are its names, codes and id (and, for communes, the province's name),
-- folded as VietnameseText.words folds them (casei(accenti(…)) from V9, then split at anything
-- that is not a letter or digit). Each searchable layer has a GIN index on that array: an
-- expression index, so the tables keep their columns and whatever writes them (the API, the
-- loader, psql, QGIS) keeps it current, with nothing rebuilt per change.
--
-- A typed word (maybe unfinished, maybe with one typo) is first matched against the dictionary of
-- every distinct search word (search_dictionary, kept by statement triggers on insert and update;
-- a word no longer used stays, which only costs a row), through its B-tree (prefixes) and trigram
-- index (a typo in the first letter); the features are then those whose words overlap the matched
-- words of every typed word (&&, the GIN index), or whose commune or province does.
--
-- PostgisSearch writes the same expressions: the order of the columns is name, name_en, code,
-- province_name, growing_area_code, then the id column, those the layer has.

CREATE FUNCTION "search_words"(text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_remove(regexp_split_to_array("ruralatlas"."casei"("ruralatlas"."accenti"($1)), '[^[:alnum:]]+'), '') $$;
COMMENT ON FUNCTION "search_words"(text) IS 'the folded words of a text, as org.ruralatlas.data.text.VietnameseText.words';

CREATE TABLE "search_dictionary" ("word" text COLLATE "C" PRIMARY KEY);
CREATE INDEX "search_dictionary_trgm_idx" ON "search_dictionary" USING gin ("word" public.gin_trgm_ops);
COMMENT ON TABLE "search_dictionary" IS 'Every distinct search word of the searchable layers, kept by trigger, for /search';

DO $$
DECLARE
    l record;
BEGIN
    FOR l IN SELECT * FROM (VALUES
        ('farms', 'coalesce("name", '''') || '' '' || coalesce("growing_area_code", '''') || '' '' || coalesce("farm_id", '''')'),
        ('zones', 'coalesce("name", '''') || '' '' || coalesce("growing_area_code", '''') || '' '' || coalesce("zone_id", '''')'),
        ('communes', 'coalesce("name", '''') || '' '' || coalesce("name_en", '''') || '' '' || coalesce("code", '''') || '' '' || coalesce("province_name", '''') || '' '' || coalesce("unit_id", '''')'),
        ('tourism', 'coalesce("name", '''') || '' '' || coalesce("name_en", '''') || '' '' || coalesce("site_id", '''')'),
        ('provinces', 'coalesce("name", '''') || '' '' || coalesce("name_en", '''') || '' '' || coalesce("code", '''') || '' '' || coalesce("unit_id", '''')')
    ) AS v (layer, doc) LOOP
        EXECUTE format('CREATE INDEX %I ON "ruralatlas".%I USING gin ("ruralatlas"."search_words"(%s))',
                       l.layer || '_search_words_idx', l.layer, l.doc);
        -- runs with its owner's rights, so a role allowed to write the layer needs none on the dictionary;
        -- words in order, so that two writers adding the same words lock them in the same order
        EXECUTE format($f$CREATE FUNCTION "ruralatlas".%I() RETURNS trigger LANGUAGE plpgsql
                SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $b$
            BEGIN
                INSERT INTO "ruralatlas"."search_dictionary" ("word")
                SELECT DISTINCT w FROM (SELECT unnest("ruralatlas"."search_words"(%s)) AS w FROM "changed_new") x
                ORDER BY w ON CONFLICT ("word") DO NOTHING;
                RETURN NULL;
            END $b$ $f$, 'add_' || l.layer || '_search_words', l.doc);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON "ruralatlas".%I REFERENCING NEW TABLE AS "changed_new"'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas".%I()',
                       l.layer || '_search_words_insert', l.layer, 'add_' || l.layer || '_search_words');
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON "ruralatlas".%I REFERENCING NEW TABLE AS "changed_new"'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas".%I()',
                       l.layer || '_search_words_update', l.layer, 'add_' || l.layer || '_search_words');
        EXECUTE format('INSERT INTO "ruralatlas"."search_dictionary" ("word") SELECT DISTINCT w'
                       ' FROM (SELECT unnest("ruralatlas"."search_words"(%s)) AS w FROM "ruralatlas".%I) x'
                       ' ORDER BY w ON CONFLICT ("word") DO NOTHING', l.doc, l.layer);
    END LOOP;
END $$;
