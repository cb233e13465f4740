-- Copy the peers harness's synthetic data (public.farms, zones, communes, tourism_sites, built by
-- ../shared/bench/peers/gen_data.sh) into RuralAtlas's own tables (schema ruralatlas, created by
-- the loader: java -jar ruralatlas.jar load --db-url=… --migrate-only), so RuralAtlas and
-- MapServer serve the same rows and the same geometries from the same database.
--
--   psql -X -v ON_ERROR_STOP=1 -d peers -f bench/peers-to-ruralatlas.sql
--
-- Idempotent: the four target tables are truncated first, then filled in one transaction.
-- Geometries are copied unchanged (farms stay Polygons, zones and communes MultiPolygons,
-- tourism sites Points), so both servers return the same coordinates. Rows are inserted in the
-- peers tables' id order, which gen_data.sql assigns along a geohash curve (communes, tourism:
-- row_number() over ST_GeoHash; farms, zones: by growing area, whose ids follow ST_GeoHash), so
-- the heap is in the same spatial order as the peers tables and GIST bitmap scans touch as few
-- pages. The provinces layer is left as it is (the peers data has no provinces table).
--
-- Column mapping (peers -> ruralatlas):
--   farms          farm_code -> farm_id (unique, 'F<pp>-<id>'); coop -> name, owner_type
--                  cooperative/household; crop -> main_product (catalogue slug where one exists,
--                  e.g. coffee -> ca_phe, otherwise the peers crop name); area_ha; certified ->
--                  certifications as a JSON list ([] when none, Organic -> organic);
--                  growing_area_code; province code from farm_code -> province_code; the commune
--                  holding the farm's centroid -> commune_code
--   zones          zone_code -> zone_id; name; product -> commodity; area_ha; certification ->
--                  certifications; enterprise -> offtaker; province code from zone_code
--   communes       code || '@2025-07-01' -> unit_id (as the sample does); code; name; unit_type from
--                  the name's prefix; province, province_code; area_km2; ntm_status -> ntm_level
--                  (standard -> ntm); criteria_met of 19; year -> recognition_year
--   tourism_sites  'site-<id>' -> site_id; name; category -> catalogue category; description ->
--                  description_vi; province name -> province_code (via communes); commune by point
-- Every row: sample = true, source = 'peers synthetic benchmark data', licence CC-BY-4.0. The peers
-- real columns (area_ha, area_km2) are rounded as generated (2 or 1 decimals) on their way to
-- double precision, so 0.29 stays 0.29 rather than 0.28999999165534973.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
\timing on

BEGIN;

TRUNCATE ruralatlas.farms, ruralatlas.zones, ruralatlas.communes, ruralatlas.tourism;

CREATE TEMP TABLE crop_slug (crop text PRIMARY KEY, slug text NOT NULL) ON COMMIT DROP;
INSERT INTO crop_slug VALUES
  ('lychee', 'vai_thieu'), ('tea', 'che'), ('rice', 'lua'), ('coffee', 'ca_phe'),
  ('durian', 'sau_rieng'), ('orange', 'cam'), ('mango', 'xoai'), ('dragon_fruit', 'thanh_long'),
  ('pomelo', 'buoi'), ('pepper', 'ho_tieu'), ('cashew', 'dieu'), ('vegetables', 'rau');

-- province name -> two-digit code, as the peers communes carry both
CREATE TEMP TABLE province_code ON COMMIT DROP AS
SELECT DISTINCT ON (province) province, lpad(province_code::text, 2, '0') AS code
FROM public.communes ORDER BY province, province_code;

-- ------------------------------------------------------------------ communes ---
INSERT INTO ruralatlas.communes (unit_id, code, name, name_en, unit_type, province_code,
    province_name, district_name, area_km2, before_merger, valid_from, valid_to, ntm_level,
    criteria_set, criteria_met, criteria_total, recognition_year, recognition_decision,
    smart_villages, outstanding_fields, satisfaction_pct, source, source_date, licence, sample, geom)
SELECT c.code || '@2025-07-01', c.code, c.name, NULL,
       CASE WHEN c.name LIKE 'Phường %' THEN 'phuong' WHEN c.name LIKE 'Thị trấn %' THEN 'thi_tran' ELSE 'xa' END,
       lpad(c.province_code::text, 2, '0'), c.province, NULL, round(c.area_km2::numeric, 2), NULL, DATE '2025-07-01', NULL,
       CASE c.ntm_status WHEN 'standard' THEN 'ntm' ELSE c.ntm_status END,
       'commune_2021_2025', c.criteria_met, 19, c.year, NULL, NULL, NULL, NULL,
       'peers synthetic benchmark data', DATE '2026-11-23', 'CC-BY-4.0', true, c.geom
FROM public.communes c
ORDER BY c.id;

-- --------------------------------------------------------------------- farms ---
INSERT INTO ruralatlas.farms (farm_id, name, owner_type, main_product, area_ha, certifications,
    growing_area_code, ocop_products, ocop_stars, commune_code, province_code, source, source_date,
    licence, sample, geom)
SELECT f.farm_code, f.coop,
       CASE WHEN f.coop IS NULL THEN 'household' ELSE 'cooperative' END,
       coalesce(s.slug, f.crop), round(f.area_ha::numeric, 2),
       CASE WHEN f.certified IS NULL THEN '[]'::jsonb
            ELSE jsonb_build_array(CASE f.certified WHEN 'Organic' THEN 'organic' ELSE f.certified END) END,
       f.growing_area_code, NULL, NULL, cm.code, substr(f.farm_code, 2, 2),
       'peers synthetic benchmark data', DATE '2026-11-23', 'CC-BY-4.0', true, f.geom
FROM public.farms f
LEFT JOIN crop_slug s ON s.crop = f.crop
LEFT JOIN LATERAL (SELECT c.code FROM public.communes c
                   WHERE ST_Intersects(c.geom, ST_Centroid(f.geom)) ORDER BY c.id LIMIT 1) cm ON true
ORDER BY f.id;

-- --------------------------------------------------------------------- zones ---
INSERT INTO ruralatlas.zones (zone_id, name, commodity, area_ha, growing_area_code, code_scope,
    target_markets, certifications, offtaker, households, status, commune_code, province_code,
    source, source_date, licence, sample, geom)
SELECT z.zone_code, z.name, coalesce(s.slug, z.product), round(z.area_ha::numeric, 1), NULL, 'domestic', NULL,
       CASE WHEN z.certification IS NULL THEN '[]'::jsonb
            ELSE jsonb_build_array(CASE z.certification WHEN 'Organic' THEN 'organic' ELSE z.certification END) END,
       z.enterprise, NULL, 'active', cm.code, substr(z.zone_code, 5, 2),
       'peers synthetic benchmark data', DATE '2026-11-23', 'CC-BY-4.0', true, z.geom
FROM public.zones z
LEFT JOIN crop_slug s ON s.crop = z.product
LEFT JOIN LATERAL (SELECT c.code FROM public.communes c
                   WHERE ST_Intersects(c.geom, ST_PointOnSurface(z.geom)) ORDER BY c.id LIMIT 1) cm ON true
ORDER BY z.id;

-- ------------------------------------------------------------------- tourism ---
INSERT INTO ruralatlas.tourism (site_id, name, name_en, category, recognition, craft_village_status,
    ocop_stars, description_vi, description_en, address, commune_code, province_code, opening_hours,
    phone, website, photos, season, source, source_date, licence, sample, geom)
SELECT 'site-' || lpad(t.id::text, 5, '0'), t.name, NULL,
       CASE t.category
         WHEN 'heritage' THEN 'cultural_historic_relic' WHEN 'temple' THEN 'cultural_historic_relic'
         WHEN 'museum' THEN 'cultural_historic_relic' WHEN 'craft_village' THEN 'craft_village'
         WHEN 'homestay' THEN 'homestay' WHEN 'eco_tourism' THEN 'eco_agri'
         WHEN 'agritourism' THEN 'eco_agri' WHEN 'beach' THEN 'natural_landscape'
         WHEN 'waterfall' THEN 'natural_landscape' WHEN 'cave' THEN 'natural_landscape'
         ELSE 'other' END,
       NULL, NULL, NULL, t.description, NULL, NULL, cm.code, pc.code, NULL, NULL, NULL, NULL, NULL,
       'peers synthetic benchmark data', DATE '2026-11-23', 'CC-BY-4.0', true, t.geom
FROM public.tourism_sites t
LEFT JOIN province_code pc ON pc.province = t.province
LEFT JOIN LATERAL (SELECT c.code FROM public.communes c
                   WHERE ST_Intersects(c.geom, t.geom) ORDER BY c.id LIMIT 1) cm ON true
ORDER BY t.id;

COMMIT;

-- statistics and the visibility map for the planner, on both sides, so neither server depends on
-- whether autovacuum has reached its tables yet (a no-op where it has)
VACUUM (ANALYZE) ruralatlas.farms, ruralatlas.zones, ruralatlas.communes, ruralatlas.tourism;
VACUUM (ANALYZE) public.farms, public.zones, public.communes, public.tourism_sites;

\timing off
SELECT 'farms' AS layer, (SELECT count(*) FROM ruralatlas.farms) AS ruralatlas, (SELECT count(*) FROM public.farms) AS peers
UNION ALL SELECT 'zones', (SELECT count(*) FROM ruralatlas.zones), (SELECT count(*) FROM public.zones)
UNION ALL SELECT 'communes', (SELECT count(*) FROM ruralatlas.communes), (SELECT count(*) FROM public.communes)
UNION ALL SELECT 'tourism', (SELECT count(*) FROM ruralatlas.tourism), (SELECT count(*) FROM public.tourism_sites);
