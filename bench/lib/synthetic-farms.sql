-- :n synthetic farms in ruralatlas.farms (emptied first), tagged with source :'source': four in
-- five points, one in five a small square multipolygon, spread over Vietnam's box, every farms
-- property filled (lists and objects as JSON), the same rows for the same :n (seeded).
-- Used by bench/downloads.sh and bench/load.sh:  psql -v n=1000000 -v source='…' -f synthetic-farms.sql
BEGIN;
TRUNCATE ruralatlas.farms;
SELECT setseed(0.42);
INSERT INTO ruralatlas.farms (farm_id, name, owner_type, main_product, area_ha, certifications, growing_area_code,
    ocop_products, ocop_stars, commune_code, province_code, source, source_date, licence, sample, geom)
SELECT 'F' || lpad(g::text, 7, '0'),
       'Trang trại số ' || g,
       (ARRAY['household', 'cooperative', 'enterprise', 'cooperative_group'])[1 + g % 4],
       (ARRAY['vai_thieu', 'che', 'lua', 'ca_phe', 'sau_rieng', 'cam', 'xoai', 'thanh_long', 'buoi', 'ho_tieu', 'dieu', 'rau',
              'nam', 'mat_ong', 'thuy_san', 'chan_nuoi'])[1 + (g / 7) % 16],
       round((random() * 50)::numeric, 2)::float8,
       CASE WHEN g % 3 = 0 THEN '["VietGAP"]'::jsonb ELSE '[]'::jsonb END,
       'VN-BNOR-' || lpad((g % 9999)::text, 4, '0'),
       CASE WHEN g % 10 = 0 THEN '[{"name": "Mật ong hoa nhãn", "stars": 4}]'::jsonb END,
       CASE WHEN g % 10 = 0 THEN 4 END,
       lpad((g % 3321)::text, 5, '0'),
       lpad((1 + g % 34)::text, 2, '0'),
       :'source', DATE '2026-01-01', 'CC-BY-4.0', true,
       CASE WHEN g % 5 = 0 THEN ST_Multi(ST_Expand(p, 0.002)) ELSE p END
FROM (SELECT g, ST_SetSRID(ST_MakePoint(102.2 + 7.2 * random(), 8.6 + 14.7 * random()), 4326) AS p
      FROM generate_series(1, :n) g) s;
COMMIT;
VACUUM (ANALYZE) ruralatlas.farms;
