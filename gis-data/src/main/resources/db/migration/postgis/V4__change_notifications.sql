-- Version 4: every committed write to a layer table, whoever makes it (QGIS, psql, an ETL
-- script, the loader), sends a notification on channel "ruralatlas_changes" with the layer and
-- the boxes of the rows it touched, old and new geometries alike. The tile cache listens and
-- drops exactly the tiles under those boxes. One notification per statement: rows are grouped
-- by the 1-degree cell of their box's corner (at most 50 boxes, else their overall extent).
-- The triggers are named to fire after the V3 version trigger of the same statement, so the
-- notification carries the layer version this write produced: a server can then tell whether
-- it has heard of every committed write before it answers from its cache.
CREATE FUNCTION "notify_layer_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed text;
    boxes json;
    cells int;
BEGIN
    IF TG_OP <> 'TRUNCATE' THEN
        -- the transition tables this statement's trigger declares
        changed := CASE TG_OP
            WHEN 'INSERT' THEN 'SELECT "geom" FROM "changed_new"'
            WHEN 'DELETE' THEN 'SELECT "geom" FROM "changed_old"'
            ELSE 'SELECT "geom" FROM "changed_old" UNION ALL SELECT "geom" FROM "changed_new"' END;
        EXECUTE format('SELECT count(*) FROM (SELECT 1 FROM (%s) g WHERE "geom" IS NOT NULL '
                       'GROUP BY floor(ST_XMin("geom")), floor(ST_YMin("geom"))) c', changed) INTO cells;
        IF cells = 0 THEN
            RETURN NULL;  -- no geometry touched (e.g. an UPDATE that matched no row)
        END IF;
        IF cells <= 50 THEN
            EXECUTE format('SELECT json_agg(json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))) '
                           'FROM (SELECT ST_Extent("geom") AS e FROM (%s) g WHERE "geom" IS NOT NULL '
                           'GROUP BY floor(ST_XMin("geom")), floor(ST_YMin("geom"))) c', changed) INTO boxes;
        ELSE
            EXECUTE format('SELECT json_build_array(json_build_array(ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e))) '
                           'FROM (SELECT ST_Extent("geom") AS e FROM (%s) g) c', changed) INTO boxes;
        END IF;
    END IF;
    -- boxes NULL (TRUNCATE): the whole layer changed
    PERFORM pg_notify('ruralatlas_changes', json_build_object('layer', TG_TABLE_NAME, 'boxes', boxes,
        'version', (SELECT "version" FROM "ruralatlas"."layer_versions" WHERE "layer" = TG_TABLE_NAME),
        'at', extract(epoch FROM clock_timestamp()))::text);
    RETURN NULL;
END;
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['farms', 'zones', 'communes', 'tourism', 'provinces'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."notify_layer_change"()', t || '_version_notify_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."notify_layer_change"()', t || '_version_notify_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed_old" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."notify_layer_change"()', t || '_version_notify_delete', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."notify_layer_change"()', t || '_version_notify_truncate', t);
    END LOOP;
END;
$$;
