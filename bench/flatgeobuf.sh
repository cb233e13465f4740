#!/usr/bin/env bash
# File downloads at country scale (issue 17): /downloads/farms.fgb (and .gpkg) of the scale data
# set's farms from a server with a 256 MB heap, against ogr2ogr writing the same rows and columns
# from the same PostGIS into the same format in the same run; and the server's heap while it writes.
#
#   bench/flatgeobuf.sh                              # 1,000,000 farms, FlatGeobuf and GeoPackage
#   N=100000 ROUNDS=1 FORMATS=fgb bench/flatgeobuf.sh
#   JAR=/tmp/main.jar bench/flatgeobuf.sh            # another build (a before/after pair)
#
# The data set is bench/scale.sh's (database scale_$N in the cluster $SCALE_DIR on 127.0.0.1:
# $SCALE_PORT, made there with BUILD_ONLY=1); this script never changes it (the server starts with
# --ruralatlas.db.migrate=false). The cluster is started with pg_ctl when down, and stopped again
# at the end if this script started it.
# Per format, ROUNDS times (best kept): ogr2ogr -f FlatGeobuf|GPKG from PG: (the download's columns,
# ordered by farm_id as the server reads them), then the server's whole-layer download with its
# export cache off (produced from the database on every request). Each file is checked: its
# feature count, and the same count in a city-sized -spat window in both files.
# The server's heap: the most in use at any moment of the timed rounds (jstat every 200 ms, garbage
# included); the most held live, from one more, untimed download during which a full collection
# is forced every 2 s (jcmd GC.run, then GC.heap_info); its peak RSS (VmHWM, the mapped scratch
# file's pages included).
# The machine may be shared: run it alone and read the figures as ratios measured in the same run.
# Environment: N (1000000), ROUNDS (2), FORMATS ("fgb gpkg"), SCALE_DIR (/var/tmp/ruralatlas-scale),
#   SCALE_PORT (5442), RA_PORT (8098), RA_HEAP (256m), JAR (map-server/target/ruralatlas.jar).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCALE_DIR="${SCALE_DIR:-/var/tmp/ruralatlas-scale}"
SCALE_PORT="${SCALE_PORT:-5442}"
N="${N:-1000000}"
ROUNDS="${ROUNDS:-2}"
FORMATS="${FORMATS:-fgb gpkg}"
RA_PORT="${RA_PORT:-8098}"
RA_HEAP="${RA_HEAP:-256m}"
JAR="${JAR:-$ROOT/map-server/target/ruralatlas.jar}"
PGBIN=/usr/lib/postgresql/15/bin
db="scale_$N"
t_start=$SECONDS
say() { printf '[flatgeobuf %4ds] %s\n' $((SECONDS - t_start)) "$*" >&2; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
export PGHOST=127.0.0.1 PGPORT="$SCALE_PORT" PGUSER=postgres
work="$(mktemp -d /tmp/ruralatlas-flatgeobuf.XXXXXX)"
started_pg=0
pid=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  [ "$started_pg" = 1 ] && as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# ---- the cluster and the data set ---------------------------------------------------------------
[ -f "$SCALE_DIR/data/PG_VERSION" ] || { echo "no cluster in $SCALE_DIR: make it with BUILD_ONLY=1 bench/scale.sh" >&2; exit 1; }
if ! as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$SCALE_PORT"
  as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/data" -l "$SCALE_DIR/server.log" -w -t 120 \
    -o "-p $SCALE_PORT -k $SCALE_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=64MB \
        -c maintenance_work_mem=512MB -c max_wal_size=8GB -c synchronous_commit=off -c jit=off" start >/dev/null
  started_pg=1
fi
rows="$(psql -XAtq -d "$db" -c "SELECT count(*) FROM ruralatlas.farms")" \
  || { echo "no database $db: make it with SIZES=$N BUILD_ONLY=1 bench/scale.sh" >&2; exit 1; }
say "$db: $rows farms, $(psql -XAtq -d "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('ruralatlas.farms'))")"

# ---- the server ---------------------------------------------------------------------------------
cp "$JAR" "$work/ruralatlas.jar"
say "jar $(sha256sum "$work/ruralatlas.jar" | cut -c1-12), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), heap $RA_HEAP"
java "-Xmx$RA_HEAP" -XX:+ExitOnOutOfMemoryError -jar "$work/ruralatlas.jar" \
  --ruralatlas.db.url="jdbc:postgresql://127.0.0.1:$SCALE_PORT/$db" --ruralatlas.db.user=postgres --ruralatlas.db.password= \
  --ruralatlas.db.migrate=false --server.address=127.0.0.1 --server.port="$RA_PORT" \
  --ruralatlas.downloads.cache-whole-layers=false --ruralatlas.downloads.burst=0 \
  --ruralatlas.downloads.cache-dir="$work/exports" --ruralatlas.tiles.cache-dir="$work/tiles" > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || { tail -30 "$work/server.log" >&2; exit 1; }
  curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$RA_PORT/actuator/health" && break
  sleep 0.2
done
curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$RA_PORT/actuator/health" || { tail -30 "$work/server.log" >&2; exit 1; }
# the search index is built in the background after start: wait for it (bounded), so that it is in the baseline
timeout 300 bash -c "until curl -fs -o /dev/null 'http://127.0.0.1:$RA_PORT/search?q=phuc'; do sleep 1; done" || true
jcmd "$pid" GC.run >/dev/null 2>&1 || true
heap_start_kb="$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)"
say "server up, heap after start (search index built, full GC) ${heap_start_kb:-?} KB"
# heap in use (KB, garbage included) every 200 ms: S0U S1U EU OU are jstat -gc's columns 3, 4, 6, 8
jstat -gc "$pid" 200 > "$work/jstat.txt" 2>/dev/null &
sampler=$!

now() { date +%s.%N; }
cols="farm_id, name, owner_type, main_product, area_ha, certifications, growing_area_code, ocop_products, ocop_stars, commune_code, province_code, source, source_date, licence, sample"
pg="PG:host=127.0.0.1 port=$SCALE_PORT dbname=$db user=postgres"
window=(105.8 21.0 105.9 21.1)
count() { ogrinfo -ro -so -al ${2:+-spat ${window[*]}} "$1" 2>/dev/null | sed -n 's/^Feature Count: //p' | head -1; }
heap_used_kb() { jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1; }
live_peak() {  # downloads $1 once, forcing a full collection every 2 s; the most heap left in use after one (MB)
  local max=0 u
  timeout 1800 curl -fsS -o /dev/null "$1" &
  local c=$!
  while kill -0 "$c" 2>/dev/null; do
    sleep 2
    jcmd "$pid" GC.run >/dev/null 2>&1 || true
    u=$(heap_used_kb); [ "${u:-0}" -gt "$max" ] && max=$u
  done
  wait "$c"
  echo $((max / 1024))
}
used_peak() {  # the most heap in use since jstat line $1 (MB)
  tail -n +"$(($1 + 1))" "$work/jstat.txt" | awk '$1 ~ /^[0-9.]+$/ {u = $3 + $4 + $6 + $8; if (u > m) m = u} END {printf "%d", m / 1024}'
}

printf '| format | rows | ogr2ogr (s) | RuralAtlas (s) | speed vs ogr2ogr | ogr2ogr file (MB) | RuralAtlas file (MB) | window rows (both) | heap in use, max (MB) | live heap, max (MB) |\n' > "$work/table.md"
printf '|---|---|---|---|---|---|---|---|---|---|\n' >> "$work/table.md"
for f in $FORMATS; do
  case "$f" in fgb) driver=FlatGeobuf ;; gpkg) driver=GPKG ;; *) echo "FORMATS: fgb or gpkg, not $f" >&2; exit 1 ;; esac
  best_ogr="" best_ra="" heap_used=0
  for r in $(seq 1 "$ROUNDS"); do
    rm -f "$work/ogr.$f" "$work/ra.$f"
    t0=$(now)
    timeout 1800 ogr2ogr -f "$driver" "$work/ogr.$f" "$pg" -nln farms -sql "SELECT $cols, geom FROM ruralatlas.farms ORDER BY farm_id"
    t1=$(now)
    sync
    j=$(wc -l < "$work/jstat.txt")
    t2=$(now)
    timeout 1800 curl -fsS -o "$work/ra.$f" "http://127.0.0.1:$RA_PORT/downloads/farms.$f"
    t3=$(now)
    ogr_s=$(echo "$t1 - $t0" | bc -l); ra_s=$(echo "$t3 - $t2" | bc -l)
    hu=$(used_peak "$j")
    [ "${hu:-0}" -gt "$heap_used" ] && heap_used=$hu
    say "$f round $r: ogr2ogr $(printf '%.2f' "$ogr_s") s, RuralAtlas $(printf '%.2f' "$ra_s") s (heap in use max ${hu:-?} MB)"
    [ -z "$best_ogr" ] || [ "$(echo "$ogr_s < $best_ogr" | bc -l)" = 1 ] && best_ogr=$ogr_s
    [ -z "$best_ra" ] || [ "$(echo "$ra_s < $best_ra" | bc -l)" = 1 ] && best_ra=$ra_s
  done
  live=$(live_peak "http://127.0.0.1:$RA_PORT/downloads/farms.$f")
  say "$f untimed round: live heap at most $live MB"
  n_ogr=$(count "$work/ogr.$f"); n_ra=$(count "$work/ra.$f")
  w_ogr=$(count "$work/ogr.$f" spat); w_ra=$(count "$work/ra.$f" spat)
  [ "$n_ra" = "$rows" ] && [ "$n_ogr" = "$rows" ] || { echo "$f: $n_ra features from RuralAtlas, $n_ogr from ogr2ogr, not $rows" >&2; exit 1; }
  [ "$w_ra" = "$w_ogr" ] || { echo "$f: the window ${window[*]} has $w_ra features in RuralAtlas's file, $w_ogr in ogr2ogr's" >&2; exit 1; }
  printf '| %s | %s | %.2f | %.2f | %.2f | %.0f | %.0f | %s | %s | %s |\n' "$f" "$rows" "$best_ogr" "$best_ra" \
    "$(echo "$best_ogr / $best_ra" | bc -l)" "$(echo "$(stat -c %s "$work/ogr.$f") / 1048576" | bc -l)" \
    "$(echo "$(stat -c %s "$work/ra.$f") / 1048576" | bc -l)" "$w_ra" "$heap_used" "$live" >> "$work/table.md"
done
rss_kb="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
echo
cat "$work/table.md"
echo
echo "server -Xmx$RA_HEAP: heap after start (search index built, full GC) ${heap_start_kb:-?} KB, peak RSS $((rss_kb / 1024)) MB; best of $ROUNDS rounds; speed vs ogr2ogr = ogr2ogr's time / RuralAtlas's (above 1: faster)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
