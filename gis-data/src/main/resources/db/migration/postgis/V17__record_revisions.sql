-- Version 17: the audit of V11/V14 also for the NTM programme's records (issue 14: "the NTM record
-- tables are editable the same way"): assessments, recognitions, targets, criteria, lineage and the
-- reported figures are written through the API like the map layers, so each committed change of
-- them, by RuralAtlas or from outside it, is a revision too. A record has no geometry: its
-- revision documents are GeoJSON Features with "geometry": null, as the API serves the records.
-- The function is V14's with the geometry taken only where the table has one.
CREATE OR REPLACE FUNCTION "record_revisions"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who text := coalesce(nullif(current_setting('ruralatlas.actor', true), ''), 'outside RuralAtlas');
    id_column text := TG_ARGV[0];
    geometry text := CASE WHEN EXISTS (SELECT FROM pg_attribute
                                       WHERE attrelid = TG_RELID AND attname = 'geom' AND NOT attisdropped)
                          THEN 'public.ST_AsGeoJSON(r."geom")::jsonb' ELSE '''null''::jsonb' END;
    doc text;
BEGIN
    IF current_setting('ruralatlas.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    doc := format('jsonb_build_object(''type'', ''Feature'', ''geometry'', %s, ''properties'', %s)',
                  geometry, "ruralatlas"."revision_properties_sql"(TG_RELID));
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

DO $$
DECLARE
    t text;
    id_columns jsonb := '{"reported_province_figures": "report_id", "historical_recognitions": "recognition_id",
                          "ntm_criteria_sets": "set_id", "ntm_criteria": "criterion_id", "ntm_targets": "target_id",
                          "ntm_assessments": "assessment_id", "unit_lineage": "lineage_id"}';
BEGIN
    FOR t IN SELECT jsonb_object_keys(id_columns) LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "revised_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."record_revisions"(%L)', t || '_revisions_insert', t, id_columns ->> t);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS "revised_old" NEW TABLE AS "revised_new" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."record_revisions"(%L)', t || '_revisions_update', t, id_columns ->> t);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS "revised_old" '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."record_revisions"(%L)', t || '_revisions_delete', t, id_columns ->> t);
    END LOOP;
END;
$$;
