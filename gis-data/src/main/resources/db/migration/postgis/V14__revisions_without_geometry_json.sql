-- Version 14: the audit of V11, the same revisions at about a twentieth of the cost (issue 14:
-- imports as fast as ogr2ogr). V11 made each row's document from to_jsonb(row), which turns the
-- geometry column into JSON through PostGIS's geometry-to-json cast; that cast looks the SRID up in
-- spatial_ref_sys for every row (about 80 µs each, twice a row) only for "- 'geom'" to throw the
-- result away. The properties are now built from the table's other columns by name
-- (jsonb_build_object), and the geometry from ST_AsGeoJSON as before: the documents are
-- byte-for-byte those of V11 (jsonb orders its keys), so revisions and restore read them as
-- before. The column list comes from the catalogue once per statement; the transition tables stay
-- set-based: one INSERT … SELECT per statement, one revision per row.

-- the table's columns but the geometry as "jsonb_build_object('a', r."a", …) || …" over row alias r
-- (at most 50 pairs in one call: a function takes at most 100 arguments)
CREATE FUNCTION "revision_properties_sql"("tbl" oid) RETURNS text LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(string_agg(part, ' || ' ORDER BY chunk), '''{}''::jsonb')
    FROM (SELECT chunk, 'jsonb_build_object(' || string_agg(format('%L, r.%I', attname, attname), ', ' ORDER BY attnum) || ')' AS part
          FROM (SELECT attname, attnum, (row_number() OVER (ORDER BY attnum) - 1) / 50 AS chunk
                FROM pg_attribute
                WHERE attrelid = "tbl" AND attnum > 0 AND NOT attisdropped AND attname <> 'geom') a
          GROUP BY chunk) c
$$;

CREATE OR REPLACE FUNCTION "record_revisions"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who text := coalesce(nullif(current_setting('ruralatlas.actor', true), ''), 'outside RuralAtlas');
    id_column text := TG_ARGV[0];
    doc text;
BEGIN
    IF current_setting('ruralatlas.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    -- a row r as its GeoJSON Feature, as revision_document(to_jsonb(r), r.geom) of V11 made it
    doc := format('jsonb_build_object(''type'', ''Feature'', ''geometry'', public.ST_AsGeoJSON(r."geom")::jsonb, '
                  '''properties'', %s)', "ruralatlas"."revision_properties_sql"(TG_RELID));
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('INSERT INTO "ruralatlas"."feature_revisions" ("layer", "feature_id", "actor", "operation", "after") '
                       'SELECT $1, r.%I::text, $2, ''insert'', %s FROM "revised_new" r', id_column, doc)
            USING TG_TABLE_NAME, who;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format('INSERT INTO "ruralatlas"."feature_revisions" ("layer", "feature_id", "actor", "operation", "before") '
                       'SELECT $1, r.%I::text, $2, ''delete'', %s FROM "revised_old" r', id_column, doc)
            USING TG_TABLE_NAME, who;
    ELSE
        -- an id changed by UPDATE is the old feature deleted and a new one inserted
        EXECUTE format('INSERT INTO "ruralatlas"."feature_revisions" ("layer", "feature_id", "actor", "operation", "before", "after") '
                       'SELECT $1, coalesce(n.id, o.id), $2, '
                       'CASE WHEN o.id IS NULL THEN ''insert'' WHEN n.id IS NULL THEN ''delete'' ELSE ''update'' END, o.doc, n.doc '
                       'FROM (SELECT r.%1$I::text AS id, %2$s AS doc FROM "revised_old" r) o '
                       'FULL JOIN (SELECT r.%1$I::text AS id, %2$s AS doc FROM "revised_new" r) n ON o.id = n.id '
                       'WHERE o.doc IS DISTINCT FROM n.doc', id_column, doc)
            USING TG_TABLE_NAME, who;
    END IF;
    RETURN NULL;
END;
$$;
