#!/usr/bin/env bash
# Loading PostGIS: `ruralatlas load` against `ogr2ogr -f PostgreSQL` of the same file, in the same
# run, on the same throwaway PostgreSQL 15 cluster.
#
#   bench/load.sh                                        # 300,000 and 1,000,000 farms, GeoJSON and GeoPackage
#   SIZES=300000 FORMATS=geojson bench/load.sh           # shorter
#
# Steps (every one bounded in time, everything on 127.0.0.1):
#   1. a throwaway cluster (initdb as the postgres user, a free loopback port, the peers benchmark
#      settings: shared_buffers 2GB, work_mem 32MB, maintenance_work_mem 1GB, synchronous_commit
#      off, max_wal_size 4GB; fsync on), stopped and deleted at the end.
#   2. the data: for each size, the synthetic farms of bench/lib/synthetic-farms.sql (the rows
#      bench/downloads.sh serves: 4 in 5 points, 1 in 5 small squares, every property set) written
#      once to $DATA_DIR/farms-<n>.geojson (RFC 7946, by ogr2ogr from PostGIS) and farms-<n>.gpkg
#      (by ogr2ogr from the GeoJSON), kept for the next run.
#   3. for each size and format, ROUNDS times: a fresh database with PostGIS and the RuralAtlas
#      schema (`load --migrate-only`, not timed), then timed: `java -Xmx$LOAD_HEAP -jar
#      ruralatlas.jar load --db-url=… FILE --layer=farms`; a fresh database with PostGIS, then
#      timed: `ogr2ogr -f PostgreSQL PG:… FILE -nln farms` (its defaults: COPY, a GIST index).
#      Both must hold n rows. Best of ROUNDS. Also timed once: loading the same file again into
#      the loaded table (the upsert path; nothing changes).
# Prints seconds, rows/s, the ratio of rows/s to ogr2ogr's (target: at least 0.8; the
# data-stewardship work wants 1), the CPU seconds each needed (the tool's and the database's, a
# figure a busy machine disturbs less) and the loader's peak resident memory.
# Environment: SIZES ("300000 1000000"), FORMATS ("geojson gpkg"), ROUNDS (1), LOAD_HEAP (256m),
#   LOAD_JAVA_OPTS (none; e.g. the README's batch flags "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
#   DATA_DIR (/var/tmp/ruralatlas-load-bench), RA_JAR. Logs in $DATA_DIR/logs/<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-300000 1000000}"
FORMATS="${FORMATS:-geojson gpkg}"
ROUNDS="${ROUNDS:-1}"
LOAD_HEAP="${LOAD_HEAP:-256m}"
LOAD_JAVA_OPTS="${LOAD_JAVA_OPTS:-}"
DATA_DIR="${DATA_DIR:-/var/tmp/ruralatlas-load-bench}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
logs="$DATA_DIR/logs/$stamp"
mkdir -p "$logs"
t_start=$SECONDS
say() { printf '[load %4ds] %s\n' $((SECONDS - t_start)) "$*" >&2; }
BENCH_NAME=load
# shellcheck source=bench/lib/throwaway-pg.sh
. bench/lib/throwaway-pg.sh

src_jar="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$src_jar" ] || { echo "load.sh: no $src_jar; build it first (./mvnw -q -o package -DskipTests)" >&2; exit 2; }
jar="$logs/ruralatlas.jar"
cp "$src_jar" "$jar"
say "jar $(sha256sum "$jar" | cut -c1-12), git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), java -Xmx$LOAD_HEAP $LOAD_JAVA_OPTS"

# ---- 2. the data ------------------------------------------------------------------------------------
for n in $SIZES; do
  geojson="$DATA_DIR/farms-$n.geojson" gpkg="$DATA_DIR/farms-$n.gpkg"
  if [ ! -s "$geojson" ]; then
    say "generating $n synthetic farms (bench/lib/synthetic-farms.sql) into $geojson"
    fresh_db loadgen
    timeout 300 java -jar "$jar" load --db-url="$(jdbc loadgen)" --migrate-only > "$logs/migrate.log" 2>&1 \
      || { cat "$logs/migrate.log" >&2; exit 1; }
    sql -d loadgen -v n="$n" -v source='RuralAtlas load benchmark' -f bench/lib/synthetic-farms.sql > /dev/null
    timeout 1200 ogr2ogr -f GeoJSON -lco RFC7946=YES "$geojson.tmp" PG:"host=127.0.0.1 port=$port user=postgres dbname=loadgen" \
      -sql "SELECT * FROM ruralatlas.farms ORDER BY farm_id" -nln farms
    mv "$geojson.tmp" "$geojson"
    rm -f "$gpkg"
  fi
  if [ ! -s "$gpkg" ]; then
    say "writing $gpkg"
    rm -f "$gpkg.tmp.gpkg"
    timeout 1200 ogr2ogr -f GPKG "$gpkg.tmp.gpkg" "$geojson" -nln farms
    mv "$gpkg.tmp.gpkg" "$gpkg"
  fi
  say "farms-$n: GeoJSON $(du -m "$geojson" | cut -f1) MB, GeoPackage $(du -m "$gpkg" | cut -f1) MB"
done

# ---- 3. the loads -----------------------------------------------------------------------------------
results="$logs/results.tsv"
: > "$results"
for n in $SIZES; do
  for fmt in $FORMATS; do
    file="$DATA_DIR/farms-$n.$fmt"
    ra=() ogr=()
    for r in $(seq 1 "$ROUNDS"); do
      fresh_db ra
      timeout 300 java -jar "$jar" load --db-url="$(jdbc ra)" --migrate-only > "$logs/migrate.log" 2>&1 \
        || { cat "$logs/migrate.log" >&2; exit 1; }
      sql -d postgres -c "CHECKPOINT"
      # shellcheck disable=SC2086
      measure "$logs/ra-$n-$fmt-$r.log" timeout 1800 java -Xmx"$LOAD_HEAP" $LOAD_JAVA_OPTS -jar "$jar" load --db-url="$(jdbc ra)" "$file" \
        --layer=farms
      [ "$(rows_in ra ruralatlas.farms)" = "$n" ] || { echo "load.sh: ruralatlas.farms does not hold $n rows" >&2; exit 1; }
      say "ruralatlas load $fmt $n: $(printf '%.1f s; CPU %.1f s + database %.1f s; peak RSS %d MB' "$wall" "$cpu" "$db" "$rss")"
      better "${ra[0]:-}" "$wall" && ra=("$wall" "$cpu" "$db" "$rss")

      fresh_db ogr
      sql -d postgres -c "CHECKPOINT"
      measure "$logs/ogr-$n-$fmt-$r.log" timeout 1800 ogr2ogr -f PostgreSQL PG:"host=127.0.0.1 port=$port user=postgres dbname=ogr" \
        "$file" -nln farms
      [ "$(rows_in ogr public.farms)" = "$n" ] || { echo "load.sh: ogr2ogr's farms does not hold $n rows" >&2; exit 1; }
      say "ogr2ogr -f PostgreSQL $fmt $n: $(printf '%.1f s; CPU %.1f s + database %.1f s' "$wall" "$cpu" "$db")"
      better "${ogr[0]:-}" "$wall" && ogr=("$wall" "$cpu" "$db")
    done
    # the same file again into the loaded table: the upsert path, nothing changes
    # shellcheck disable=SC2086
    measure "$logs/ra-again-$n-$fmt.log" timeout 1800 java -Xmx"$LOAD_HEAP" $LOAD_JAVA_OPTS -jar "$jar" load --db-url="$(jdbc ra)" \
      "$file" --layer=farms
    say "ruralatlas load $fmt $n again (upsert, nothing changes): $(printf '%.1f s; CPU %.1f s + database %.1f s' "$wall" "$cpu" "$db")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$fmt" "${ra[@]}" "${ogr[@]}" "$wall" >> "$results"
  done
done

# ---- 4. the figures ---------------------------------------------------------------------------------
echo
printf '%-8s %-7s | %8s %8s %10s | %8s %8s %10s | %6s %9s | %8s %6s\n' rows format "RA s" "rows/s" "CPU+db s" "ogr s" "rows/s" \
  "CPU+db s" ratio "CPU ratio" "again s" "RSS MB"
while IFS=$'\t' read -r n fmt ra_s ra_cpu ra_db rss ogr_s ogr_cpu ogr_db again; do
  ratio=$(echo "$ogr_s / $ra_s" | bc -l)
  cpu_ratio=$(echo "($ogr_cpu + $ogr_db) / ($ra_cpu + $ra_db)" | bc -l)
  verdict=$( [ "$(echo "$ratio >= 0.8" | bc)" = 1 ] && echo ok || echo MISSED )
  printf '%-8s %-7s | %8.1f %8.0f %10.1f | %8.1f %8.0f %10.1f | %6.2f %9.2f | %8.1f %6s  %s\n' "$n" "$fmt" "$ra_s" "$(echo "$n / $ra_s" | bc -l)" \
    "$(echo "$ra_cpu + $ra_db" | bc -l)" "$ogr_s" "$(echo "$n / $ogr_s" | bc -l)" "$(echo "$ogr_cpu + $ogr_db" | bc -l)" "$ratio" "$cpu_ratio" \
    "$again" "$rss" "$verdict"
done < "$results"
echo "(ratio: RuralAtlas rows/s over ogr2ogr's, target at least 0.8; CPU ratio: the CPU seconds (the tool's and the database's) ogr2ogr"
echo " needed over RuralAtlas's, which a busy machine disturbs less; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); logs in $logs)"
