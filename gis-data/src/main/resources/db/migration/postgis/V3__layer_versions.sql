-- Version 3: a version counter per layer, bumped by a statement trigger on every write to the
-- layer's table, whoever makes it (the loader, QGIS, psql, an ETL script). The server reads it
-- for ETag and Last-Modified, so clients never keep data that changed under them.
CREATE TABLE "layer_versions" (
    "layer" text COLLATE "C" PRIMARY KEY,
    "version" bigint NOT NULL,
    "modified" timestamptz NOT NULL
);

CREATE FUNCTION "bump_layer_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "ruralatlas"."layer_versions" ("layer", "version", "modified")
    VALUES (TG_TABLE_NAME, 1, clock_timestamp())
    ON CONFLICT ("layer") DO UPDATE
        SET "version" = "layer_versions"."version" + 1, "modified" = clock_timestamp();
    RETURN NULL;
END;
$$;

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['farms', 'zones', 'communes', 'tourism', 'provinces',
                             'reported_province_figures', 'historical_recognitions'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."bump_layer_version"()', t || '_version', t);
        EXECUTE format('INSERT INTO "layer_versions" VALUES (%L, 1, clock_timestamp())', t);
    END LOOP;
END;
$$;
