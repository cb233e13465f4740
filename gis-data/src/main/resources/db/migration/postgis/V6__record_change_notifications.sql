-- Version 6: the record tables of the layer catalogue (no geometry) announce their committed
-- writes on "ruralatlas_changes" too, as a whole-table change (no boxes), after the version
-- trigger of the same statement, so the export cache of the open-data downloads drops their
-- files whoever writes (the loader, psql, an ETL script).
CREATE FUNCTION "notify_record_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ruralatlas_changes', json_build_object('layer', TG_TABLE_NAME, 'boxes', NULL,
        'version', (SELECT "version" FROM "ruralatlas"."layer_versions" WHERE "layer" = TG_TABLE_NAME),
        'at', extract(epoch FROM clock_timestamp()))::text);
    RETURN NULL;
END;
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['reported_province_figures', 'historical_recognitions', 'ntm_criteria_sets', 'ntm_criteria',
                             'ntm_targets', 'ntm_assessments', 'unit_lineage'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."notify_record_change"()', t || '_version_notify', t);
    END LOOP;
END;
$$;
