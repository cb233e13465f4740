-- Version 5: the NTM programme as data. The criteria catalogue (sets, criteria, indicators with a
-- digital-transformation flag), programme targets, per-commune criteria assessments and the
-- lineage of units across the 2025 reorganisation are record tables of the layer catalogue
-- (layers.json), loaded like every layer. Citizen satisfaction survey responses live in their
-- own table: no personal data (no IP, no raw device token: only a keyed hash of the device token
-- per survey period, unique per period so a device answers once), written one row per statement.

CREATE TABLE "ntm_criteria_sets" (
    "set_id" text COLLATE "C" PRIMARY KEY,
    "unit_level" text,
    "period" text,
    "name_vi" text,
    "name_en" text,
    "decision" text,
    "in_force" date,
    "criteria_count" bigint,
    "indicator_count" bigint,
    "levels" jsonb,
    "verified" boolean,
    "remark" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
CREATE INDEX "ntm_criteria_sets_unit_level_idx" ON "ntm_criteria_sets" ("unit_level");
COMMENT ON TABLE "ntm_criteria_sets" IS 'NTM criteria sets';

CREATE TABLE "ntm_criteria" (
    "criterion_id" text COLLATE "C" PRIMARY KEY,
    "criteria_set" text,
    "number" text,
    "kind" text,
    "parent_number" text,
    "name_vi" text,
    "name_en" text,
    "is_digital" boolean,
    "sort_order" bigint,
    "verified" boolean,
    "remark" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
CREATE INDEX "ntm_criteria_criteria_set_idx" ON "ntm_criteria" ("criteria_set");
CREATE INDEX "ntm_criteria_number_idx" ON "ntm_criteria" ("number");
CREATE INDEX "ntm_criteria_kind_idx" ON "ntm_criteria" ("kind");
CREATE INDEX "ntm_criteria_is_digital_idx" ON "ntm_criteria" ("is_digital");
COMMENT ON TABLE "ntm_criteria" IS 'NTM criteria and indicators';

CREATE TABLE "ntm_targets" (
    "target_id" text COLLATE "C" PRIMARY KEY,
    "name_vi" text,
    "name_en" text,
    "metric" text,
    "level" text,
    "base" text,
    "criteria_set" text,
    "criterion" text,
    "comparator" text,
    "threshold" double precision,
    "unit" text,
    "due" date,
    "scope" text,
    "verified" boolean,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
CREATE INDEX "ntm_targets_metric_idx" ON "ntm_targets" ("metric");
COMMENT ON TABLE "ntm_targets" IS 'NTM targets';

CREATE TABLE "ntm_assessments" (
    "assessment_id" text COLLATE "C" PRIMARY KEY,
    "unit_id" text,
    "commune_code" text,
    "province_code" text,
    "criteria_set" text,
    "assessed_on" date,
    "ntm_level" text,
    "criteria_met" bigint,
    "criteria_total" bigint,
    "criteria_passed" jsonb,
    "criteria_failed" jsonb,
    "indicators_passed" jsonb,
    "indicators_failed" jsonb,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
CREATE INDEX "ntm_assessments_unit_id_idx" ON "ntm_assessments" ("unit_id");
CREATE INDEX "ntm_assessments_commune_code_idx" ON "ntm_assessments" ("commune_code");
CREATE INDEX "ntm_assessments_province_code_idx" ON "ntm_assessments" ("province_code");
CREATE INDEX "ntm_assessments_criteria_set_idx" ON "ntm_assessments" ("criteria_set");
CREATE INDEX "ntm_assessments_ntm_level_idx" ON "ntm_assessments" ("ntm_level");
COMMENT ON TABLE "ntm_assessments" IS 'Commune criteria assessments';

CREATE TABLE "unit_lineage" (
    "lineage_id" text COLLATE "C" PRIMARY KEY,
    "unit_level" text,
    "old_code" text,
    "old_name" text,
    "old_unit_type" text,
    "old_valid_to" date,
    "new_unit_id" text,
    "new_code" text,
    "new_name" text,
    "province_code" text,
    "relation" text,
    "derivation" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
CREATE INDEX "unit_lineage_unit_level_idx" ON "unit_lineage" ("unit_level");
CREATE INDEX "unit_lineage_old_code_idx" ON "unit_lineage" ("old_code");
CREATE INDEX "unit_lineage_new_unit_id_idx" ON "unit_lineage" ("new_unit_id");
CREATE INDEX "unit_lineage_new_code_idx" ON "unit_lineage" ("new_code");
CREATE INDEX "unit_lineage_province_code_idx" ON "unit_lineage" ("province_code");
CREATE INDEX "unit_lineage_relation_idx" ON "unit_lineage" ("relation");
COMMENT ON TABLE "unit_lineage" IS 'Unit lineage across the 2025 reorganisation';

DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['ntm_criteria_sets', 'ntm_criteria', 'ntm_targets', 'ntm_assessments', 'unit_lineage'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."bump_layer_version"()', t || '_version', t);
        EXECUTE format('INSERT INTO "layer_versions" VALUES (%L, 1, clock_timestamp())', t);
    END LOOP;
END;
$$;

CREATE TABLE "survey_responses" (
    "response_id" text COLLATE "C" PRIMARY KEY,
    "period" text NOT NULL,
    "commune_code" text NOT NULL,
    "submitted_on" date NOT NULL,
    "device_hash" text NOT NULL,
    "overall" smallint NOT NULL CHECK ("overall" BETWEEN 1 AND 5),
    "infrastructure" smallint CHECK ("infrastructure" BETWEEN 1 AND 5),
    "production_income" smallint CHECK ("production_income" BETWEEN 1 AND 5),
    "environment" smallint CHECK ("environment" BETWEEN 1 AND 5),
    "culture_education_health" smallint CHECK ("culture_education_health" BETWEEN 1 AND 5),
    "security_order" smallint CHECK ("security_order" BETWEEN 1 AND 5),
    "public_services" smallint CHECK ("public_services" BETWEEN 1 AND 5),
    UNIQUE ("period", "device_hash")
);
CREATE INDEX "survey_responses_commune_idx" ON "survey_responses" ("commune_code", "period");
COMMENT ON TABLE "survey_responses" IS 'Citizen satisfaction with NTM results; no personal data, device_hash is a keyed hash per period';

-- A random key for the keyed hashes of device tokens and for signing proof-of-work challenges,
-- created by the first server that needs it, so that every replica and every restart agree.
CREATE TABLE "survey_settings" (
    "name" text COLLATE "C" PRIMARY KEY,
    "value" text NOT NULL
);
