#!/usr/bin/env bash
# Importing farms into PostGIS (issue 14): `ruralatlas import` of a GeoPackage against `ogr2ogr -f
# PostgreSQL` of the same file, in the same run, on the same throwaway PostgreSQL 15 cluster.
#
#   bench/import.sh                  # 1,000,000 farms
#   SIZES=100000 bench/import.sh     # shorter
#
# Steps (each bounded in time, everything on 127.0.0.1):
#   1. a throwaway cluster with the settings of bench/load.sh, stopped and deleted at the end.
#   2. the data: n farms as an import meets them, every one acceptable: points drawn inside today's
#      provinces of the sample (ST_GeneratePoints) with that province's code, every property set,
#      ids that the sample does not hold; written once to $DATA_DIR/import-farms-<n>.gpkg.
#   3. ROUNDS times: a database with the sample loaded (`load`, not timed), then timed: `java
#      -Xmx$HEAP -jar ruralatlas.jar import --collection farms FILE` (every row checked against the
#      schema and the provinces, COPY into a staging table, one INSERT … SELECT audited by the
#      layer's triggers, one transaction); and a fresh PostGIS database, then timed: `ogr2ogr -f
#      PostgreSQL PG:… FILE -nln farms` (COPY, a GIST index; no checks, no audit). Then, as a second
#      reference doing the same writes: `ogr2ogr -append --config PG_USE_COPY YES` into the farms of
#      a copy of the same sample database (its indexes, cell counts and audit triggers all fire; no
#      checks; a commit every 20,000 rows, not all or nothing). Each must hold the n rows. Best of ROUNDS.
# Prints seconds, rows/s, the ratio of rows/s to ogr2ogr's (target: at least 1), CPU seconds (the
# tool's and the database's) and the importer's peak resident memory at -Xmx$HEAP (target 512m).
# Environment: SIZES (1000000), ROUNDS (1), HEAP (512m), JAVA_OPTS (none), DATA_DIR
#   (/var/tmp/ruralatlas-import-bench), RA_JAR. Logs in $DATA_DIR/logs/<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000000}"
ROUNDS="${ROUNDS:-1}"
HEAP="${HEAP:-512m}"
JAVA_OPTS="${JAVA_OPTS:-}"
DATA_DIR="${DATA_DIR:-/var/tmp/ruralatlas-import-bench}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
logs="$DATA_DIR/logs/$stamp"
mkdir -p "$logs"
t_start=$SECONDS
say() { printf '[import %4ds] %s\n' $((SECONDS - t_start)) "$*" >&2; }
BENCH_NAME=import
# shellcheck source=bench/lib/throwaway-pg.sh
. bench/lib/throwaway-pg.sh
sample_db() {  # name: a database with the sample loaded
  fresh_db "$1"
  timeout 600 java -jar "$jar" load --db-url="$(jdbc "$1")" > "$logs/load-$1.log" 2>&1 || { tail -20 "$logs/load-$1.log" >&2; exit 1; }
}

src_jar="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$src_jar" ] || { echo "import.sh: no $src_jar; build it first (./mvnw -q -o package -DskipTests)" >&2; exit 2; }
jar="$logs/ruralatlas.jar"
cp "$src_jar" "$jar"
say "jar $(sha256sum "$jar" | cut -c1-12), git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), java -Xmx$HEAP $JAVA_OPTS"

# ---- 2. the data ------------------------------------------------------------------------------------
for n in $SIZES; do
  gpkg="$DATA_DIR/import-farms-$n.gpkg"
  [ -s "$gpkg" ] && continue
  say "generating $n farms inside the sample's provinces into $gpkg"
  sample_db importgen
  sql -d importgen -v n="$n" <<'SQL' > /dev/null
CREATE TABLE gen AS
SELECT 'I' || lpad(row_number() OVER ()::text, 7, '0') AS farm_id, province_code, geom
FROM (SELECT code AS province_code, (ST_Dump(pts)).geom AS geom
      FROM (SELECT code, ST_GeneratePoints(geom, greatest(1, round(:n * ST_Area(geom) / sum(ST_Area(geom)) OVER ())::int), 42) AS pts
            FROM ruralatlas.provinces WHERE valid_to IS NULL) p) d;
DELETE FROM gen WHERE farm_id IN (SELECT farm_id FROM gen ORDER BY farm_id DESC OFFSET :n);
CREATE TABLE farms AS
SELECT farm_id, 'Trang trại ' || farm_id AS name,
       (ARRAY['household', 'cooperative', 'enterprise', 'cooperative_group'])[1 + (hashtext(farm_id) & 3)] AS owner_type,
       (ARRAY['vai_thieu', 'che', 'lua', 'ca_phe', 'cam', 'xoai', 'rau', 'nam'])[1 + (hashtext(farm_id) >> 3 & 7)] AS main_product,
       round((abs(hashtext(farm_id)) % 5000) / 100.0, 2)::float8 AS area_ha, province_code, geom
FROM gen;
SQL
  rows=$(sql -d importgen -c "SELECT count(*) FROM farms")
  rm -f "$gpkg.tmp.gpkg"
  timeout 1200 ogr2ogr -f GPKG "$gpkg.tmp.gpkg" PG:"host=127.0.0.1 port=$port user=postgres dbname=importgen" farms -nln farms
  mv "$gpkg.tmp.gpkg" "$gpkg"
  say "import-farms-$n: $rows farms, GeoPackage $(du -m "$gpkg" | cut -f1) MB"
done

# ---- 3. the imports ---------------------------------------------------------------------------------
results="$logs/results.tsv"
: > "$results"
for n in $SIZES; do
  file="$DATA_DIR/import-farms-$n.gpkg"
  ogr_count=$(ogrinfo -ro -so "$file" farms | awk -F': ' '/Feature Count/ {print $2}')
  ra=() ogr=() live=()
  for r in $(seq 1 "$ROUNDS"); do
    sample_db ra
    sql -d postgres -c "DROP DATABASE IF EXISTS live" -c "CREATE DATABASE live TEMPLATE ra"
    before=$(sql -d ra -c "SELECT count(*) FROM ruralatlas.farms")
    sql -d postgres -c "CHECKPOINT"
    # shellcheck disable=SC2086
    measure "$logs/ra-$n-$r.log" timeout 3600 java -Xmx"$HEAP" $JAVA_OPTS -jar "$jar" import --collection farms "$file" \
      --ruralatlas.db.url="$(jdbc ra)"
    [ "$(sql -d ra -c "SELECT count(*) FROM ruralatlas.farms")" = "$((before + ogr_count))" ] \
      || { echo "import.sh: ruralatlas.farms does not hold the $ogr_count new rows" >&2; exit 1; }
    say "ruralatlas import $n: $(printf '%.1f s; CPU %.1f s + database %.1f s; peak RSS %d MB' "$wall" "$cpu" "$db" "$rss")"
    better "${ra[0]:-}" "$wall" && ra=("$wall" "$cpu" "$db" "$rss")

    fresh_db ogr
    sql -d postgres -c "CHECKPOINT"
    measure "$logs/ogr-$n-$r.log" timeout 3600 ogr2ogr -f PostgreSQL PG:"host=127.0.0.1 port=$port user=postgres dbname=ogr" \
      "$file" -nln farms
    [ "$(sql -d ogr -c "SELECT count(*) FROM public.farms")" = "$ogr_count" ] || { echo "import.sh: ogr2ogr's farms is short" >&2; exit 1; }
    say "ogr2ogr -f PostgreSQL $n: $(printf '%.1f s; CPU %.1f s + database %.1f s' "$wall" "$cpu" "$db")"
    better "${ogr[0]:-}" "$wall" && ogr=("$wall" "$cpu" "$db")

    sql -d postgres -c "CHECKPOINT"
    measure "$logs/live-$n-$r.log" timeout 3600 ogr2ogr --config PG_USE_COPY YES -append -f PostgreSQL \
      PG:"host=127.0.0.1 port=$port user=postgres dbname=live active_schema=ruralatlas" "$file" farms -nln farms
    [ "$(sql -d live -c "SELECT count(*) FROM ruralatlas.farms")" = "$((before + ogr_count))" ] \
      || { echo "import.sh: ogr2ogr -append did not add the $ogr_count rows" >&2; exit 1; }
    say "ogr2ogr -append into ruralatlas.farms $n: $(printf '%.1f s; CPU %.1f s + database %.1f s' "$wall" "$cpu" "$db")"
    better "${live[0]:-}" "$wall" && live=("$wall" "$cpu" "$db")
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$ogr_count" "${ra[@]}" "${ogr[@]}" "${live[0]}" >> "$results"
done

# ---- 4. the figures ---------------------------------------------------------------------------------
echo
printf '%-8s | %8s %8s %10s | %8s %8s %10s | %6s %9s | %6s | %8s %10s\n' rows "RA s" "rows/s" "CPU+db s" "ogr s" "rows/s" "CPU+db s" \
  ratio "CPU ratio" "RSS MB" "append s" "ratio"
while IFS=$'\t' read -r n ra_s ra_cpu ra_db rss ogr_s ogr_cpu ogr_db live_s; do
  ratio=$(echo "$ogr_s / $ra_s" | bc -l)
  cpu_ratio=$(echo "($ogr_cpu + $ogr_db) / ($ra_cpu + $ra_db)" | bc -l)
  verdict=$( [ "$(echo "$ratio >= 1" | bc)" = 1 ] && echo ok || echo MISSED )
  printf '%-8s | %8.1f %8.0f %10.1f | %8.1f %8.0f %10.1f | %6.2f %9.2f | %6s | %8.1f %10.2f  %s\n' "$n" "$ra_s" "$(echo "$n / $ra_s" | bc -l)" \
    "$(echo "$ra_cpu + $ra_db" | bc -l)" "$ogr_s" "$(echo "$n / $ogr_s" | bc -l)" "$(echo "$ogr_cpu + $ogr_db" | bc -l)" "$ratio" \
    "$cpu_ratio" "$rss" "$live_s" "$(echo "$live_s / $ra_s" | bc -l)" "$verdict"
done < "$results"
echo "(append: ogr2ogr -append with COPY into the sample's ruralatlas.farms, the same indexes, cell counts and audit as the import's;"
echo " its ratio is RuralAtlas rows/s over that one's)"
echo "(ratio: RuralAtlas rows/s over ogr2ogr's, target at least 1 at -Xmx$HEAP; CPU ratio: ogr2ogr's CPU seconds (its own and the"
echo " database's) over RuralAtlas's; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs in $logs)"
