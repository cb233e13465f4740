-- Version 11: the audit (issue 14). Every committed change of a map feature, whoever makes it,
-- is kept as a revision: who, when, the operation and the feature before and after, each a
-- GeoJSON Feature. RuralAtlas names the account in the transaction-local setting
-- "ruralatlas.actor"; a write from psql, QGIS or an ETL script, which names none, is recorded as
-- 'outside RuralAtlas'. The table is append-only for everyone, its owner included: triggers refuse
-- UPDATE, DELETE and TRUNCATE. (A TRUNCATE of a layer table leaves no rows to record; only the
-- change announcement of V7 sees it.) The loader's first COPY into an empty layer table sets
-- "ruralatlas.audit" to 'off' for that statement: a layer's first rows are its origin, not changes,
-- and recording a million of them would double the load; its later loads are recorded as
-- 'ruralatlas load'.
CREATE TABLE "feature_revisions" (
    "revision" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "layer" text COLLATE "C" NOT NULL,
    "feature_id" text COLLATE "C" NOT NULL,
    "actor" text NOT NULL,
    "at" timestamptz NOT NULL DEFAULT clock_timestamp(),
    "operation" text NOT NULL CHECK ("operation" IN ('insert', 'update', 'delete')),
    "before" jsonb,
    "after" jsonb,
    "txid" xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX "feature_revisions_feature_idx" ON "feature_revisions" ("layer", "feature_id", "revision");
COMMENT ON TABLE "feature_revisions" IS 'Append-only audit of every committed change of a map feature: who, when, before and after';

CREATE FUNCTION "refuse_audit_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit is append-only: % of feature_revisions refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "feature_revisions_append_only" BEFORE UPDATE OR DELETE ON "feature_revisions"
    FOR EACH ROW EXECUTE FUNCTION "ruralatlas"."refuse_audit_change"();
CREATE TRIGGER "feature_revisions_no_truncate" BEFORE TRUNCATE ON "feature_revisions"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."refuse_audit_change"();

-- a row as a GeoJSON Feature: its columns but the geometry as properties, the geometry as GeoJSON
CREATE FUNCTION "revision_document"("row_doc" jsonb, "geom" public.geometry) RETURNS jsonb LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp AS $$
    SELECT jsonb_build_object('type', 'Feature', 'geometry', public.ST_AsGeoJSON("geom")::jsonb, 'properties', "row_doc" - 'geom')
$$;

-- statement trigger of the map layers (argument: the id column): one revision per row that changed
CREATE FUNCTION "record_revisions"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who text := coalesce(nullif(current_setting('ruralatlas.actor', true), ''), 'outside RuralAtlas');
    id_column text := TG_ARGV[0];
BEGIN
    IF current_setting('ruralatlas.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "ruralatlas"."feature_revisions" ("layer", "feature_id", "actor", "operation", "after")
        SELECT TG_TABLE_NAME, to_jsonb(n) ->> id_column, who, 'insert', "ruralatlas"."revision_document"(to_jsonb(n), n."geom")
        FROM "revised_new" n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO "ruralatlas"."feature_revisions" ("layer", "feature_id", "actor", "operation", "before")
        SELECT TG_TABLE_NAME, to_jsonb(o) ->> id_column, who, 'delete', "ruralatlas"."revision_document"(to_jsonb(o), o."geom")
        FROM "revised_old" o;
    ELSE
        -- an id changed by UPDATE is the old feature deleted and a new one inserted
        INSERT INTO "ruralatlas"."feature_revisions" ("layer", "feature_id", "actor", "operation", "before", "after")
        SELECT TG_TABLE_NAME, coalesce(n.id, o.id), who,
               CASE WHEN o.id IS NULL THEN 'insert' WHEN n.id IS NULL THEN 'delete' ELSE 'update' END, o.doc, n.doc
        FROM (SELECT to_jsonb(r) ->> id_column AS id, "ruralatlas"."revision_document"(to_jsonb(r), r."geom") AS doc
              FROM "revised_old" r) o
        FULL JOIN (SELECT to_jsonb(r) ->> id_column AS id, "ruralatlas"."revision_document"(to_jsonb(r), r."geom") AS doc
                   FROM "revised_new" r) n ON o.id = n.id
        WHERE o.doc IS DISTINCT FROM n.doc;
    END IF;
    RETURN NULL;
END;
$$;

DO $$
DECLARE
    t text;
    id_columns jsonb := '{"farms": "farm_id", "zones": "zone_id", "communes": "unit_id", "tourism": "site_id", "provinces": "unit_id"}';
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
