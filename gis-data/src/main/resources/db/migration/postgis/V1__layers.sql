-- RuralAtlas schema, version 1: one table per catalogue layer (layers.json), columns named as
-- the layer's properties, geometry in EPSG:4326 with a GIST index. Ids sort in C collation so
-- PostGIS and GeoPackage page in the same order.
CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;

CREATE TABLE "farms" (
    "farm_id" text COLLATE "C" PRIMARY KEY,
    "name" text,
    "owner_type" text,
    "main_product" text,
    "area_ha" double precision,
    "certifications" jsonb,
    "growing_area_code" text,
    "ocop_products" jsonb,
    "ocop_stars" bigint,
    "commune_code" text,
    "province_code" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean,
    "geom" public.geometry(Geometry, 4326) NOT NULL
        CHECK (GeometryType("geom") IN ('POINT', 'POLYGON', 'MULTIPOLYGON'))
);
CREATE INDEX "farms_geom_idx" ON "farms" USING gist ("geom");
CREATE INDEX "farms_commune_code_idx" ON "farms" ("commune_code");
CREATE INDEX "farms_province_code_idx" ON "farms" ("province_code");
COMMENT ON TABLE "farms" IS 'Farms and producers';

CREATE TABLE "zones" (
    "zone_id" text COLLATE "C" PRIMARY KEY,
    "name" text,
    "commodity" text,
    "area_ha" double precision,
    "growing_area_code" text,
    "code_scope" text,
    "target_markets" jsonb,
    "certifications" jsonb,
    "offtaker" text,
    "households" bigint,
    "status" text,
    "commune_code" text,
    "province_code" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean,
    "geom" public.geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX "zones_geom_idx" ON "zones" USING gist ("geom");
CREATE INDEX "zones_commune_code_idx" ON "zones" ("commune_code");
CREATE INDEX "zones_province_code_idx" ON "zones" ("province_code");
COMMENT ON TABLE "zones" IS 'Raw-material zones and growing areas';

CREATE TABLE "communes" (
    "unit_id" text COLLATE "C" PRIMARY KEY,
    "code" text,
    "name" text,
    "name_en" text,
    "unit_type" text,
    "province_code" text,
    "province_name" text,
    "district_name" text,
    "area_km2" double precision,
    "before_merger" text,
    "valid_from" date,
    "valid_to" date,
    "ntm_level" text,
    "criteria_set" text,
    "criteria_met" bigint,
    "criteria_total" bigint,
    "recognition_year" bigint,
    "recognition_decision" text,
    "smart_villages" bigint,
    "outstanding_fields" jsonb,
    "satisfaction_pct" double precision,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean,
    "geom" public.geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX "communes_geom_idx" ON "communes" USING gist ("geom");
CREATE INDEX "communes_code_idx" ON "communes" ("code");
CREATE INDEX "communes_province_code_idx" ON "communes" ("province_code");
CREATE INDEX "communes_ntm_level_idx" ON "communes" ("ntm_level");
COMMENT ON TABLE "communes" IS 'Communes and NTM status';

CREATE TABLE "tourism" (
    "site_id" text COLLATE "C" PRIMARY KEY,
    "name" text,
    "name_en" text,
    "category" text,
    "recognition" text,
    "craft_village_status" text,
    "ocop_stars" bigint,
    "description_vi" text,
    "description_en" text,
    "address" text,
    "commune_code" text,
    "province_code" text,
    "opening_hours" text,
    "phone" text,
    "website" text,
    "photos" jsonb,
    "season" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean,
    "geom" public.geometry(Point, 4326) NOT NULL
);
CREATE INDEX "tourism_geom_idx" ON "tourism" USING gist ("geom");
CREATE INDEX "tourism_category_idx" ON "tourism" ("category");
CREATE INDEX "tourism_commune_code_idx" ON "tourism" ("commune_code");
CREATE INDEX "tourism_province_code_idx" ON "tourism" ("province_code");
COMMENT ON TABLE "tourism" IS 'Rural tourism sites';

CREATE TABLE "provinces" (
    "unit_id" text COLLATE "C" PRIMARY KEY,
    "code" text,
    "name" text,
    "name_en" text,
    "unit_type" text,
    "area_km2" double precision,
    "commune_count" bigint,
    "before_merger" text,
    "valid_from" date,
    "valid_to" date,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean,
    "geom" public.geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX "provinces_geom_idx" ON "provinces" USING gist ("geom");
CREATE INDEX "provinces_code_idx" ON "provinces" ("code");
COMMENT ON TABLE "provinces" IS 'Provinces (reference)';

CREATE TABLE "reported_province_figures" (
    "report_id" text COLLATE "C" PRIMARY KEY,
    "province_name" text,
    "province_code_pre2025" text,
    "province_code_2025" text,
    "scope" text,
    "report_period" text,
    "communes_total" bigint,
    "communes_ntm" bigint,
    "communes_advanced" bigint,
    "communes_model" bigint,
    "average_criteria" double precision,
    "notes" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
COMMENT ON TABLE "reported_province_figures" IS 'NTM figures reported by provinces';

CREATE TABLE "historical_recognitions" (
    "recognition_id" text COLLATE "C" PRIMARY KEY,
    "old_commune" text,
    "old_district" text,
    "old_province" text,
    "ntm_level" text,
    "criteria_met" bigint,
    "criteria_total" bigint,
    "year" bigint,
    "remark" text,
    "commune_code" text,
    "commune_name" text,
    "source" text,
    "source_date" date,
    "licence" text,
    "sample" boolean
);
CREATE INDEX "historical_recognitions_commune_code_idx" ON "historical_recognitions" ("commune_code");
COMMENT ON TABLE "historical_recognitions" IS 'NTM recognitions of pre-merger units';
