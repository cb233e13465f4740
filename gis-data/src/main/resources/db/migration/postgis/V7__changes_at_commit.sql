-- Version 7: one announcement per layer per transaction, at commit. Until now (V3, V4, V6) every
-- statement bumped its layer's version and sent a notification, so a load of 20,000 single-row
-- INSERTs sent 20,000 notifications (the listener fell minutes behind) and updated the same
-- layer_versions row 20,000 times in one transaction (each update walking the row's chain of
-- versions: quadratic). Now:
--  * statement triggers (after INSERT, UPDATE, DELETE, TRUNCATE, whoever writes: the loader, QGIS,
--    psql, an ETL script) only note what the statement touched in a transaction-local setting,
--    "ruralatlas.pending_changes": per layer, the boxes of the rows it touched (old and new
--    geometries) merged by the 1-degree cell of a box's corner (at most 50 boxes, else their
--    overall extent), or "whole" (TRUNCATE, record tables). A statement that touched no row notes
--    nothing. A rolled-back savepoint takes its notes with it, as it does its rows.
--  * the first note of a transaction also inserts a row into "pending_changes", whose deferred
--    constraint trigger runs once at commit: it bumps each noted layer's version once (layers in
--    name order, so two committing writers never deadlock) and sends one notification per layer
--    on "ruralatlas_changes" with the merged boxes (null: the whole layer), the version this
--    transaction produced and "at", the time of the commit (taken just before it), from which
--    the servers measure how late the news reached them.
-- With SET CONSTRAINTS ALL IMMEDIATE the announcement goes at the end of each statement instead.
-- The two functions that keep the notes and the versions run with their owner's rights, so a role
-- allowed to write a layer table (an editor in QGIS) needs no rights on "pending_changes" or
-- "layer_versions" to have its writes announced.

CREATE UNLOGGED TABLE "pending_changes" (
    "xid" xid8 NOT NULL DEFAULT pg_current_xact_id()
);
COMMENT ON TABLE "pending_changes" IS 'One row per writing transaction until its commit announces its changes; always empty after';

-- merges a statement's cells ({"x y": [xmin, ymin, xmax, ymax]}, or null for the whole layer)
-- into the transaction's notes for the layer
CREATE FUNCTION "note_change"("layer_id" text, "new_cells" jsonb) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pending jsonb := coalesce(nullif(current_setting('ruralatlas.pending_changes', true), ''), '{}')::jsonb;
    was jsonb := pending -> layer_id;
    merged jsonb;
    n int;
BEGIN
    IF new_cells IS NULL OR was ? 'whole' THEN
        merged := '{"whole": true}';
    ELSIF was ? 'extent' THEN
        SELECT jsonb_build_object('extent', jsonb_build_array(min((b ->> 0)::float8), min((b ->> 1)::float8),
                                                              max((b ->> 2)::float8), max((b ->> 3)::float8)))
        INTO merged
        FROM (SELECT was -> 'extent' AS b UNION ALL SELECT value FROM jsonb_each(new_cells)) boxes;
    ELSE
        SELECT count(*), jsonb_object_agg(cell, box) INTO n, merged
        FROM (SELECT key AS cell, jsonb_build_array(min((value ->> 0)::float8), min((value ->> 1)::float8),
                                                    max((value ->> 2)::float8), max((value ->> 3)::float8)) AS box
              FROM (SELECT key, value FROM jsonb_each(coalesce(was -> 'cells', '{}'))
                    UNION ALL SELECT key, value FROM jsonb_each(new_cells)) c
              GROUP BY key) merged_cells;
        IF n <= 50 THEN
            merged := jsonb_build_object('cells', merged);
        ELSE
            SELECT jsonb_build_object('extent', jsonb_build_array(min((value ->> 0)::float8), min((value ->> 1)::float8),
                                                                  max((value ->> 2)::float8), max((value ->> 3)::float8)))
            INTO merged FROM jsonb_each(merged);
        END IF;
    END IF;
    -- the notes first: with SET CONSTRAINTS IMMEDIATE the row below announces them at once
    PERFORM set_config('ruralatlas.pending_changes', jsonb_set(pending, ARRAY[layer_id], merged)::text, true);
    IF pending = '{}' THEN
        INSERT INTO "ruralatlas"."pending_changes" DEFAULT VALUES;
    END IF;
END;
$$;

-- statement trigger of the map layers: the cells of the rows the statement touched
CREATE FUNCTION "note_layer_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cells jsonb;
    touched boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM "ruralatlas"."note_change"(TG_TABLE_NAME, NULL);
        RETURN NULL;
    END IF;
    -- static statements on the transition tables, planned once per table
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_object_agg(cell, box), count(*) > 0 INTO cells, touched FROM (
            SELECT coalesce(floor(public.ST_XMin("geom")) || ' ' || floor(public.ST_YMin("geom")), 'none') AS cell,
                   jsonb_build_array(min(public.ST_XMin("geom")), min(public.ST_YMin("geom")),
                                     max(public.ST_XMax("geom")), max(public.ST_YMax("geom"))) AS box
            FROM "changed_new" GROUP BY 1) c;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT jsonb_object_agg(cell, box), count(*) > 0 INTO cells, touched FROM (
            SELECT coalesce(floor(public.ST_XMin("geom")) || ' ' || floor(public.ST_YMin("geom")), 'none') AS cell,
                   jsonb_build_array(min(public.ST_XMin("geom")), min(public.ST_YMin("geom")),
                                     max(public.ST_XMax("geom")), max(public.ST_YMax("geom"))) AS box
            FROM "changed_old" GROUP BY 1) c;
    ELSE
        SELECT jsonb_object_agg(cell, box), count(*) > 0 INTO cells, touched FROM (
            SELECT coalesce(floor(public.ST_XMin("geom")) || ' ' || floor(public.ST_YMin("geom")), 'none') AS cell,
                   jsonb_build_array(min(public.ST_XMin("geom")), min(public.ST_YMin("geom")),
                                     max(public.ST_XMax("geom")), max(public.ST_YMax("geom"))) AS box
            FROM (SELECT "geom" FROM "changed_old" UNION ALL SELECT "geom" FROM "changed_new") g GROUP BY 1) c;
    END IF;
    IF touched THEN
        -- a row without a geometry has no box: then the whole layer (too much, never too little)
        PERFORM "ruralatlas"."note_change"(TG_TABLE_NAME, CASE WHEN cells ? 'none' THEN NULL ELSE cells END);
    END IF;
    RETURN NULL;
END;
$$;

-- statement trigger of the record tables (no geometry): the whole table, when a row was touched
CREATE FUNCTION "note_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched boolean := TG_OP = 'TRUNCATE';
BEGIN
    -- each transition table in a statement of its own: only the one of this event exists
    IF TG_OP = 'INSERT' THEN
        touched := EXISTS (SELECT FROM "changed_new");
    ELSIF TG_OP <> 'TRUNCATE' THEN
        touched := EXISTS (SELECT FROM "changed_old");
    END IF;
    IF touched THEN
        PERFORM "ruralatlas"."note_change"(TG_TABLE_NAME, NULL);
    END IF;
    RETURN NULL;
END;
$$;

-- at commit: one version bump and one notification per noted layer
CREATE FUNCTION "announce_changes"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    pending jsonb := coalesce(nullif(current_setting('ruralatlas.pending_changes', true), ''), '{}')::jsonb;
    noted_layer text;
    change jsonb;
    produced bigint;
BEGIN
    DELETE FROM "ruralatlas"."pending_changes" WHERE "xid" = NEW."xid";
    PERFORM set_config('ruralatlas.pending_changes', '{}', true);
    FOR noted_layer, change IN SELECT key, value FROM jsonb_each(pending) ORDER BY key COLLATE "C" LOOP
        INSERT INTO "ruralatlas"."layer_versions" AS v ("layer", "version", "modified")
        VALUES (noted_layer, 1, clock_timestamp())
        ON CONFLICT ("layer") DO UPDATE SET "version" = v."version" + 1, "modified" = clock_timestamp()
        RETURNING v."version" INTO produced;
        PERFORM pg_notify('ruralatlas_changes', json_build_object('layer', noted_layer,
            'boxes', CASE WHEN change ? 'cells' THEN (SELECT jsonb_agg(value) FROM jsonb_each(change -> 'cells'))
                          WHEN change ? 'extent' THEN jsonb_build_array(change -> 'extent') END,
            'version', produced, 'at', extract(epoch FROM clock_timestamp()))::text);
    END LOOP;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "pending_changes_announce" AFTER INSERT ON "pending_changes"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ruralatlas"."announce_changes"();

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['farms', 'zones', 'communes', 'tourism', 'provinces'] LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version_notify_insert', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version_notify_update', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version_notify_delete', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version_notify_truncate', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_layer_change"()', t || '_changes_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_layer_change"()', t || '_changes_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed_old" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_layer_change"()', t || '_changes_delete', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_layer_change"()', t || '_changes_truncate', t);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['reported_province_figures', 'historical_recognitions', 'ntm_criteria_sets', 'ntm_criteria',
                             'ntm_targets', 'ntm_assessments', 'unit_lineage'] LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version', t);
        EXECUTE format('DROP TRIGGER %I ON %I', t || '_version_notify', t);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "changed_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_record_change"()', t || '_changes_insert', t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS "changed_old" NEW TABLE AS "changed_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_record_change"()', t || '_changes_update', t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "changed_old" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_record_change"()', t || '_changes_delete', t);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."note_record_change"()', t || '_changes_truncate', t);
    END LOOP;
END;
$$;

DROP FUNCTION "bump_layer_version"();
DROP FUNCTION "notify_layer_change"();
DROP FUNCTION "notify_record_change"();
