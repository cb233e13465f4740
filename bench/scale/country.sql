-- A country-scale data set (issue 17): :n farms, 20,000 zones and 50,000 tourism sites spread
-- over the real rural communes (unit_type 'xa', valid today) already in ruralatlas.communes (the
-- bundled sample loaded with `load`: 3,321 communes, 34 provinces), more densely in the Red River
-- and Mekong deltas (weight 3) and the northern midlands (weight 2) than elsewhere (1). Seeded by
-- :seed: the same :n and :seed give the same rows, byte for byte.
--
--   psql -X -v ON_ERROR_STOP=1 -v n=1000000 -v seed=17 -f bench/scale/country.sql
--
-- Each commune gets its share of the farms by weight (exact total :n, a cumulative split), placed
-- with ST_GeneratePoints(commune, share, seed) inside its boundary; four farms in five are points,
-- one in five a square of about 60 m. Farm ids follow the communes' codes, so the heap is in
-- spatial order, as a table loaded province by province would be. The farms' secondary indexes
-- are dropped during the insert and made again after (as CREATE INDEX sorts once, instead of
-- growing each index row by row); the whole runs in one transaction, so a killed run leaves the
-- previous data set. Zones and tourism sites are the same at every :n.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
\timing on

BEGIN;
-- a layer's first rows are its origin, not changes: no revision per generated row (as `load` does);
-- with the audit on, 10 M farms also wrote 10 M revisions (8.3 GB) and took their vacuum after
SET LOCAL "ruralatlas.audit" = 'off';
SELECT setseed(:seed / 1000.0);

CREATE TEMP TABLE rural ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY code) AS i, code, province_code, geom,
       CASE WHEN ST_Intersects(geom, ST_MakeEnvelope(105.3, 20.0, 107.0, 21.4, 4326))
              OR ST_Intersects(geom, ST_MakeEnvelope(104.4, 8.5, 106.9, 11.0, 4326)) THEN 3
            WHEN ST_Intersects(geom, ST_MakeEnvelope(104.8, 21.0, 106.6, 22.2, 4326)) THEN 2
            ELSE 1 END AS w
FROM ruralatlas.communes
WHERE unit_type = 'xa' AND valid_to IS NULL AND geom IS NOT NULL AND NOT ST_IsEmpty(geom);

-- each commune's share of the farms: floor(n * cumulative weight / total) differences, exactly :n in all
CREATE TEMP TABLE share ON COMMIT DROP AS
SELECT i, code, province_code, geom,
       (floor(:n::float8 * cw / tw) - floor(:n::float8 * (cw - w) / tw))::int AS k
FROM (SELECT *, sum(w) OVER (ORDER BY i) AS cw, sum(w) OVER () AS tw FROM rural) s;

CREATE TEMP TABLE farm_index ON COMMIT DROP AS
SELECT indexdef FROM pg_indexes WHERE schemaname = 'ruralatlas' AND tablename = 'farms' AND indexname NOT LIKE '%pkey';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM pg_indexes WHERE schemaname = 'ruralatlas' AND tablename = 'farms' AND indexname NOT LIKE '%pkey' LOOP
    EXECUTE format('DROP INDEX ruralatlas.%I', r.indexname);
  END LOOP;
END $$;

TRUNCATE ruralatlas.farms, ruralatlas.zones, ruralatlas.tourism;

INSERT INTO ruralatlas.farms (farm_id, name, owner_type, main_product, area_ha, certifications, growing_area_code,
    ocop_products, ocop_stars, commune_code, province_code, source, source_date, licence, sample, geom)
SELECT 'F' || s.code || '-' || lpad(d.path[1]::text, 6, '0'),
       'Trang trại ' || (ARRAY['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ',
                               'Hồ', 'Ngô', 'Dương', 'Lý'])[1 + (h % 16)]
           || ' ' || (ARRAY['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Quang', 'Ngọc'])[1 + (h / 16) % 8]
           || ' ' || (ARRAY['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc',
                               'Quý', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Yến'])[1 + (h / 128) % 20],
       (ARRAY['household', 'cooperative', 'enterprise', 'cooperative_group'])[1 + (h / 2560) % 4],
       (ARRAY['vai_thieu', 'che', 'lua', 'ca_phe', 'sau_rieng', 'cam', 'xoai', 'thanh_long', 'buoi', 'ho_tieu', 'dieu', 'rau',
              'nam', 'mat_ong', 'thuy_san', 'chan_nuoi'])[1 + (s.i + d.path[1] / 50) % 16],
       round((0.1 + (h % 50000) / 1000.0)::numeric, 2)::float8,
       CASE WHEN h % 3 = 0 THEN '["VietGAP"]'::jsonb ELSE '[]'::jsonb END,
       'VN-' || s.province_code || '-' || lpad((s.i % 9999)::text, 4, '0'),
       NULL, CASE WHEN h % 50 = 0 THEN 3 + h % 3 END,
       s.code, s.province_code, 'RuralAtlas scale benchmark (synthetic)', DATE '2026-01-01', 'CC-BY-4.0', true,
       CASE WHEN d.path[1] % 5 = 0 THEN ST_Expand(d.geom, 0.0003) ELSE d.geom END
FROM share s,
     LATERAL ST_Dump(ST_GeneratePoints(s.geom, s.k, :seed * 10000 + s.i::int)) d,
     LATERAL (SELECT abs(hashtext(s.code || ':' || d.path[1] || ':' || :seed)) AS h) hh
WHERE s.k > 0;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM farm_index LOOP
    EXECUTE r.indexdef;
  END LOOP;
END $$;

-- 20,000 zones (squares of about 1 km) and 50,000 tourism sites, over the same communes by the same weights
INSERT INTO ruralatlas.zones (zone_id, name, commodity, area_ha, growing_area_code, code_scope, target_markets, certifications,
    offtaker, households, status, commune_code, province_code, source, source_date, licence, sample, geom)
SELECT 'Z' || s.code || '-' || lpad(d.path[1]::text, 4, '0'),
       'Vùng nguyên liệu ' || (ARRAY['vải thiều', 'chè', 'lúa', 'cà phê', 'sầu riêng', 'cam', 'xoài', 'thanh long'])[1 + d.path[1] % 8]
           || ' ' || s.code || '-' || d.path[1],
       (ARRAY['vai_thieu', 'che', 'lua', 'ca_phe', 'sau_rieng', 'cam', 'xoai', 'thanh_long'])[1 + d.path[1] % 8],
       50 + (s.i * 7 + d.path[1]) % 450, 'VN-' || s.province_code || '-Z' || lpad((s.i % 9999)::text, 4, '0'), 'domestic',
       '["domestic"]'::jsonb, '[]'::jsonb, NULL, 20 + d.path[1] % 200, 'active', s.code, s.province_code,
       'RuralAtlas scale benchmark (synthetic)', DATE '2026-01-01', 'CC-BY-4.0', true,
       ST_Multi(ST_Expand(d.geom, 0.005))
FROM (SELECT i, code, province_code, geom, (floor(20000::float8 * cw / tw) - floor(20000::float8 * (cw - w) / tw))::int AS k
      FROM (SELECT *, sum(w) OVER (ORDER BY i) AS cw, sum(w) OVER () AS tw FROM rural) r) s,
     LATERAL ST_Dump(ST_GeneratePoints(s.geom, s.k, :seed * 10000 + 5000 + s.i::int)) d
WHERE s.k > 0;

INSERT INTO ruralatlas.tourism (site_id, name, category, commune_code, province_code, source, source_date, licence, sample, geom)
SELECT 'T' || s.code || '-' || lpad(d.path[1]::text, 4, '0'),
       (ARRAY['Làng nghề', 'Homestay', 'Điểm du lịch sinh thái', 'Chợ quê', 'Vườn'])[1 + d.path[1] % 5] || ' ' || s.code || '-' || d.path[1],
       (ARRAY['craft_village', 'homestay', 'eco_tourism', 'market', 'farm_stay'])[1 + d.path[1] % 5],
       s.code, s.province_code, 'RuralAtlas scale benchmark (synthetic)', DATE '2026-01-01', 'CC-BY-4.0', true, d.geom
FROM (SELECT i, code, province_code, geom, (floor(50000::float8 * cw / tw) - floor(50000::float8 * (cw - w) / tw))::int AS k
      FROM (SELECT *, sum(w) OVER (ORDER BY i) AS cw, sum(w) OVER () AS tw FROM rural) r) s,
     LATERAL ST_Dump(ST_GeneratePoints(s.geom, s.k, :seed * 10000 + 8000 + s.i::int)) d
WHERE s.k > 0;

COMMENT ON TABLE ruralatlas.farms IS :'tag';
COMMIT;
VACUUM (ANALYZE) ruralatlas.farms;
VACUUM (ANALYZE) ruralatlas.zones;
VACUUM (ANALYZE) ruralatlas.tourism;
SELECT 'farms', count(*) FROM ruralatlas.farms UNION ALL SELECT 'zones', count(*) FROM ruralatlas.zones
UNION ALL SELECT 'tourism', count(*) FROM ruralatlas.tourism;
