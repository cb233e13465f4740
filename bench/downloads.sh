#!/usr/bin/env bash
# Open-data downloads: streaming a 1,000,000-feature farms layer from PostGIS with the server's
# heap capped at 256 MB, against psql's own COPY of the same rows as GeoJSON; then 64 concurrent
# downloads while tile requests are measured.
#
#   bench/downloads.sh                        # from the project root; about 5 minutes on 2 cores
#   ROUNDS=1 N_FEATURES=200000 bench/downloads.sh   # shorter
#
# Steps (every one bounded in time, everything on 127.0.0.1):
#   1. the peers PostgreSQL (../shared/bench/peers; started when down); a database of its own,
#      $BENCH_DB (ruralatlas_downloads), with the RuralAtlas schema (loader, --migrate-only) and
#      N_FEATURES synthetic farms from generate_series (4 in 5 points, 1 in 5 small squares), made
#      once and kept. The peers database and its tables are not touched.
#   2. psql reference: COPY (SELECT ST_AsGeoJSON(t.*, 'geom', 7) FROM ruralatlas.farms t ORDER BY
#      farm_id) TO STDOUT, the same rows in the same order with the same 7 decimals, ROUNDS times.
#   3. RuralAtlas with -Xmx256m and the export cache off (ruralatlas.downloads.cache-whole-layers
#      = false), so every download is produced from the database: /downloads/farms.geojson
#      (streamed) and /downloads/farms.fgb (produced into a scratch file with its index, then
#      sent), one unmeasured warm-up each (checked: all features there), then ROUNDS measured.
#      Throughput in MB/s and features/s, and the ratios to psql (target: at least 0.8).
#   4. RuralAtlas again, export cache on: the whole-layer files are produced once; then wrk
#      requests random farms vector tiles (zooms 12-14, TILE_CONNS connections, TILE_SECS; after
#      an unmeasured warm-up of the same length) alone,
#      and again while 64 downloads run at once (16 each: whole GeoJSON, whole FlatGeobuf, and
#      GeoJSON and FlatGeobuf of random 1-degree boxes, produced afresh and queued by
#      max-concurrent-exports). Tile p99 during / before, download outcomes, server memory.
#      The 64 curl clients run at nice DL_NICE (10): on a real network they would not share the
#      server's two cores; DL_NICE=0 makes them compete as equals.
# Environment: N_FEATURES (1000000), ROUNDS (2), BENCH_DB (ruralatlas_downloads), TILE_SECS (20),
#   TILE_CONNS (4), DL_NICE (10), RA_PORT, RA_JAR, RA_HEAP (256m), PEERS_DIR; see lib/ruralatlas.sh.
# Output: the figures on stdout; logs in $PEERS_RUN/ruralatlas/<stamp>/.
set -euo pipefail
BENCH=downloads
export RA_HEAP="${RA_HEAP:-256m}" RA_PEERS_DATA=0 KEEP_SERVICES="${KEEP_SERVICES:-1}"
N_FEATURES="${N_FEATURES:-1000000}" ROUNDS="${ROUNDS:-2}"
BENCH_DB="${BENCH_DB:-ruralatlas_downloads}"
TILE_SECS="${TILE_SECS:-20}" TILE_CONNS="${TILE_CONNS:-4}" DL_NICE="${DL_NICE:-10}"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
if ! pg_isready -q -h 127.0.0.1 -p "${PGPORT:-5432}" 2>/dev/null && command -v pg_ctlcluster >/dev/null; then
  echo "[downloads] starting PostgreSQL 15 main" >&2
  pg_ctlcluster 15 main start || true
fi
export RA_DB_URL="jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/$BENCH_DB"
. "$(cd "$(dirname "$0")" && pwd)/lib/ruralatlas.sh"

# ---- 1. the benchmark database and its million farms ---------------------------------------------
as_postgres() {  # a command as the postgres superuser, over the local socket
  local e=(env -u PGHOST -u PGUSER -u PGPASSWORD -u PGDATABASE)
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "${e[@]}" "$@"; else sudo -u postgres "${e[@]}" "$@"; fi
}
if [ -z "$(as_postgres psql -XAtq -p "$PGPORT" -c "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'")" ]; then
  say "creating database $BENCH_DB (owner $PGUSER) with PostGIS"
  as_postgres psql -Xq -p "$PGPORT" -c "CREATE DATABASE $BENCH_DB OWNER $PGUSER"
fi
as_postgres psql -Xq -p "$PGPORT" -d "$BENCH_DB" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
timeout 300 java -jar "$jar" load --db-url="$db_url" --db-user="$PGUSER" --db-password="$PGPASSWORD" --migrate-only \
  > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
bq() { psql -XAtq -d "$BENCH_DB" -v ON_ERROR_STOP=1 "$@"; }
have="$(bq -c "SELECT count(*) FROM ruralatlas.farms WHERE source = 'RuralAtlas downloads benchmark'")"
if [ "$have" != "$N_FEATURES" ] || [ "$(bq -c "SELECT count(*) FROM ruralatlas.farms")" != "$N_FEATURES" ]; then
  say "generating $N_FEATURES synthetic farms in $BENCH_DB (generate_series)"
  timeout 1200 psql -Xq -d "$BENCH_DB" -v ON_ERROR_STOP=1 -v n="$N_FEATURES" -v source='RuralAtlas downloads benchmark' \
    -f "$HERE/lib/synthetic-farms.sql" > /dev/null
fi
say "ruralatlas.farms in $BENCH_DB: $(bq -c "SELECT count(*) || ' rows, ' || pg_size_pretty(pg_total_relation_size('ruralatlas.farms'))
  FROM ruralatlas.farms")"

# ---- 2. the reference: psql's COPY of the same rows as GeoJSON -----------------------------------
now() { date +%s.%N; }
best() { sort -g | head -1; }
copy_sql="COPY (SELECT ST_AsGeoJSON(t.*, 'geom', 7) FROM ruralatlas.farms t ORDER BY farm_id) TO STDOUT"
: > "$work/psql.txt"
for r in $(seq 1 $((ROUNDS + 1))); do
  t0=$(now); bytes=$(timeout 600 psql -XAtq -d "$BENCH_DB" -c "$copy_sql" | wc -c); t1=$(now)
  [ "$r" = 1 ] && { say "psql warm-up: $bytes bytes"; continue; }
  echo "$(echo "$t1 - $t0" | bc -l) $bytes" >> "$work/psql.txt"
done
read -r psql_s psql_bytes < <(sort -g "$work/psql.txt" | head -1)
say "psql COPY: $psql_bytes bytes in $psql_s s (best of $ROUNDS)"

# ---- 3. RuralAtlas, every download produced from the database -----------------------------------
common=(--ruralatlas.downloads.burst=0 --ruralatlas.tiles.memory-bytes=33554432
        --ruralatlas.downloads.cache-dir="$work/exports" --ruralatlas.tiles.cache-dir="$work/tiles")
start_ra cold --ruralatlas.downloads.cache-whole-layers=false "${common[@]}"
fetch() {  # path [curl args…]: "status bytes seconds"
  local p=$1; shift
  curl -s --max-time 600 -o "${OUT:-/dev/null}" -w '%{http_code} %{size_download} %{time_total}\n' "$@" "$RA$p"
}
for fmt in geojson fgb; do
  OUT="$work/warmup.$fmt" fetch "/downloads/farms.$fmt" > "$work/warmup.$fmt.txt"
  case $fmt in
    geojson) n=$(grep -o '"type":"Feature"' "$work/warmup.$fmt" | wc -l) ;;
    fgb) n=$(ogrinfo -ro -so -al "$work/warmup.$fmt" 2>/dev/null | sed -n 's/^Feature Count: //p') ;;
  esac
  say "warm-up farms.$fmt: $(cat "$work/warmup.$fmt.txt") (status bytes s); features in the file: $n"
  [ "$n" = "$N_FEATURES" ] || { echo "downloads: farms.$fmt holds $n features, not $N_FEATURES" >&2; exit 1; }
  rm -f "$work/warmup.$fmt"
  : > "$work/ra.$fmt.txt"
  for r in $(seq 1 "$ROUNDS"); do
    read -r code bytes secs < <(fetch "/downloads/farms.$fmt")
    [ "$code" = 200 ] || { echo "downloads: farms.$fmt answered $code" >&2; exit 1; }
    echo "$secs $bytes" >> "$work/ra.$fmt.txt"
  done
done
hwm_cold="$(awk '/VmHWM/ {print $2 / 1024}' "/proc/$ra_pid/status")"
jcmd "$ra_pid" GC.heap_info > "$work/heap.cold.txt" 2>&1 || true
grep -q OutOfMemoryError "$work/server.cold.log" && oom_cold=yes || oom_cold=no
stop_ra

# ---- 4. 64 concurrent downloads while tiles are measured ------------------------------------------
start_ra mixed "${common[@]}"
t0=$(now); fetch /downloads/farms.geojson > "$work/produce.geojson.txt"; t1=$(now)
fetch /downloads/farms.fgb > "$work/produce.fgb.txt"; t2=$(now)
say "whole-layer files produced for the cache: geojson $(printf %.1f "$(echo "$t1 - $t0" | bc -l)") s, fgb $(printf %.1f "$(echo "$t2 - $t1" | bc -l)") s"
cat > "$work/tiles.lua" <<'LUA'
-- random farms tiles over Vietnam, zooms 12-14 (x, y from lon/lat in Web Mercator)
local seed = tonumber(os.getenv("TILE_SEED") or "1")
local n = 0
function init(args) math.randomseed(seed + n); n = n + 1 end
local function tile(z, lon, lat)
  local s = 2 ^ z
  local x = math.floor((lon + 180) / 360 * s)
  local r = math.rad(lat)
  local y = math.floor((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * s)
  return x, y
end
function request()
  local z = math.random(12, 14)
  local x, y = tile(z, 102.2 + 7.2 * math.random(), 8.6 + 14.7 * math.random())
  return wrk.format("GET", "/collections/farms/tiles/WebMercatorQuad/" .. z .. "/" .. y .. "/" .. x)
end
LUA
tiles() {  # seed label: wrk over TILE_SECS, prints "req/s p99-ms"
  TILE_SEED=$1 timeout $((TILE_SECS + 30)) wrk -t1 -c"$TILE_CONNS" -d"${TILE_SECS}s" --timeout 10s --latency \
    -s "$work/tiles.lua" "$RA" > "$work/wrk.$2.txt" 2>&1 || true
  python3 - "$work/wrk.$2.txt" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rps = re.search(r"Requests/sec:\s+([0-9.]+)", t)
p99 = re.search(r"^\s+99%\s+([0-9.]+)(us|ms|s)\b", t, re.M)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else float("nan")
print("%.1f %.1f %s" % (float(rps.group(1)) if rps else 0.0, ms, errors.group(1) if errors else "0"))
PY
}
tiles 3 warmup > /dev/null   # unmeasured: the JIT compiles the tile path first
read -r base_rps base_p99 base_err < <(tiles 1 alone)
say "tiles alone: $base_rps req/s, p99 $base_p99 ms"
: > "$work/concurrent.txt"
dl_start=$(now)
pids=()
for i in $(seq 0 63); do
  case $((i % 4)) in
    0) p="/downloads/farms.geojson" ;;
    1) p="/downloads/farms.fgb" ;;
    *) read -r x y < <(awk -v s="$i" 'BEGIN { srand(s); printf "%.2f %.2f\n", 102.2 + 6.2 * rand(), 8.6 + 13.7 * rand() }')
       ext=$([ $((i % 4)) = 2 ] && echo geojson || echo fgb)
       p="/downloads/farms.$ext?bbox=$x,$y,$(echo "$x + 1" | bc),$(echo "$y + 1" | bc)" ;;
  esac
  ( r=$(nice -n "$DL_NICE" curl -s --max-time 600 -o /dev/null -w '%{http_code} %{size_download} %{time_total}\n' "$RA$p")
    echo "$r $p" >> "$work/concurrent.txt" ) &
  pids+=($!)
done
read -r dl_rps dl_p99 dl_err < <(tiles 2 during)
say "tiles during the downloads: $dl_rps req/s, p99 $dl_p99 ms"
for p in "${pids[@]}"; do wait "$p" || true; done
dl_wall=$(echo "$(now) - $dl_start" | bc -l)
hwm_mixed="$(awk '/VmHWM/ {print $2 / 1024}' "/proc/$ra_pid/status")"
alive=$(curl -fs --max-time 5 -o /dev/null -w '%{http_code}' "$RA/actuator/health" || echo down)
grep -q OutOfMemoryError "$work/server.mixed.log" && oom_mixed=yes || oom_mixed=no
stop_ra
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- the figures ---------------------------------------------------------------------------------
python3 - "$work" "$N_FEATURES" "$psql_s" "$psql_bytes" "$base_rps" "$base_p99" "$dl_rps" "$dl_p99" "$dl_err" "$dl_wall" \
  "$hwm_cold" "$hwm_mixed" "$oom_cold" "$oom_mixed" "$alive" "$RA_HEAP" "$load_start" "$load_end" <<'PY'
import sys
(work, n, psql_s, psql_b, base_rps, base_p99, dl_rps, dl_p99, dl_err, dl_wall, hwm_cold, hwm_mixed, oom_cold, oom_mixed,
 alive, heap, load_start, load_end) = sys.argv[1:]
n = int(n); psql_s = float(psql_s); psql_b = int(psql_b)
ref_fps = n / psql_s; ref_mbs = psql_b / psql_s / 1e6
print("Downloads of %d farms from PostGIS, server heap -Xmx%s (load average at start %s, at end %s)" % (n, heap, load_start, load_end))
print("| what | seconds | MB | MB/s | features/s | features/s vs psql | target |")
print("|---|---|---|---|---|---|---|")
print("| psql COPY ST_AsGeoJSON (reference) | %.2f | %.1f | %.1f | %.0f | 1.00 | |" % (psql_s, psql_b / 1e6, ref_mbs, ref_fps))
for fmt, label in (("geojson", "RuralAtlas /downloads/farms.geojson (streamed)"), ("fgb", "RuralAtlas /downloads/farms.fgb (indexed file)")):
    rows = sorted((float(a), int(b)) for a, b in (l.split() for l in open("%s/ra.%s.txt" % (work, fmt))))
    s, b = rows[0]
    ratio = n / s / ref_fps
    print("| %s | %.2f | %.1f | %.1f | %.0f | %.2f | %s |" % (label, s, b / 1e6, b / s / 1e6, n / s, ratio,
          "ok (>= 0.8)" if ratio >= 0.8 else "MISSED (< 0.8)"))
print("server peak resident memory: %.0f MB while producing, %.0f MB under 64 downloads; OutOfMemoryError: %s / %s" % (
    float(hwm_cold), float(hwm_mixed), oom_cold, oom_mixed))
codes = {}
total = 0
slowest = 0.0
for line in open(work + "/concurrent.txt"):
    code, size, secs = line.split()[:3]
    codes[code] = codes.get(code, 0) + 1
    total += int(size)
    slowest = max(slowest, float(secs))
print("64 concurrent downloads: %s; %.0f MB in %.1f s (slowest %.1f s); server health afterwards: %s" % (
    ", ".join("%d x %s" % (v, k) for k, v in sorted(codes.items())), total / 1e6, float(dl_wall), slowest, alive))
ratio = float(dl_p99) / float(base_p99) if float(base_p99) > 0 else float("nan")
print("tiles (random farms tiles z12-14): alone %s req/s p99 %s ms; during the downloads %s req/s p99 %s ms (%s non-2xx); p99 ratio %.2f" % (
    base_rps, base_p99, dl_rps, dl_p99, dl_err, ratio))
PY
