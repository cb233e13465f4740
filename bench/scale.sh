#!/usr/bin/env bash
# Country scale (issue 17): the same requests at 100,000, 1,000,000 (and 10,000,000) farms, each
# as a ratio to the same request at the smallest size and to its SQL floor in the same run.
#
#   bench/scale.sh                       # 100k and 1M farms
#   SIZES="100000 1000000 10000000" bench/scale.sh
#   BUILD_ONLY=1 bench/scale.sh          # make the data sets, measure nothing
#   ONLY=search bench/scale.sh           # only these rows of measure.py (items, pages, tiles, search), no SQL floors
#   JAR=/tmp/other.jar bench/scale.sh    # another build (e.g. main's, for a before/after pair)
#
# Resumable and kept between runs: a PostgreSQL cluster of its own in $SCALE_DIR (default
# /var/tmp/ruralatlas-scale) on 127.0.0.1:$SCALE_PORT (5442), one database per size (scale_<n>),
# each made once: the bundled sample loaded with `load` (the real 3,321 communes and 34
# provinces), then bench/scale/country.sql (n farms over the rural communes, 20,000 zones,
# 50,000 tourism sites; seeded by $SEED). A database whose tag says the same n and seed is kept;
# an interrupted build leaves none (one transaction), and the next run makes it again.
# Per size: the server started with -Xmx256m and an empty tile cache, start-up time (launch to
# health UP) and heap after start (after a full GC), then bench/scale/measure.py (sequential
# requests on loopback, medians of $REPEATS), then the SQL floors with pgbench.
# The server upgrades the schema if the jar is newer (--ruralatlas.db.migrate=true): the first run
# after a new migration counts it in that size's start-up.
# Every step has a time limit; only 127.0.0.1 is used.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCALE_DIR="${SCALE_DIR:-/var/tmp/ruralatlas-scale}"
SCALE_PORT="${SCALE_PORT:-5442}"
SIZES="${SIZES:-100000 1000000}"
SEED="${SEED:-17}"
REPEATS="${REPEATS:-15}"
RA_PORT="${RA_PORT:-8097}"
PGBIN=/usr/lib/postgresql/15/bin
t_start=$SECONDS
say() { printf '[scale %4ds] %s\n' $((SECONDS - t_start)) "$*" >&2; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
export PGHOST=127.0.0.1 PGPORT="$SCALE_PORT" PGUSER=postgres

# ---- the cluster: made once, started when down ---------------------------------------------------
mkdir -p "$SCALE_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$SCALE_DIR"
if [ ! -f "$SCALE_DIR/data/PG_VERSION" ]; then
  say "initdb $SCALE_DIR/data"
  as_pg "$PGBIN/initdb" -D "$SCALE_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/data" status >/dev/null 2>&1; then
  say "starting PostgreSQL on 127.0.0.1:$SCALE_PORT"
  as_pg "$PGBIN/pg_ctl" -D "$SCALE_DIR/data" -l "$SCALE_DIR/server.log" -w -t 120 \
    -o "-p $SCALE_PORT -k $SCALE_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=64MB \
        -c maintenance_work_mem=512MB -c max_wal_size=8GB -c synchronous_commit=off -c jit=off" start >/dev/null
fi

# the peers harness's planner settings (../shared/bench/peers/install.sh), so figures compare with its runs
psql -Xq -d postgres -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 0" -c "ALTER SYSTEM SET random_page_cost = 1.1" \
  -c "ALTER SYSTEM SET effective_cache_size = '12GB'" -c "ALTER SYSTEM SET work_mem = '32MB'" -c "SELECT pg_reload_conf()" >/dev/null

jar="$SCALE_DIR/ruralatlas.jar"
cp "${JAR:-$ROOT/map-server/target/ruralatlas.jar}" "$jar"
say "jar $(sha256sum "$jar" | cut -c1-12), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"

# ---- the data sets: one database per size, kept -------------------------------------------------
for n in $SIZES; do
  db="scale_$n"
  tag="scale n=$n seed=$SEED"
  have="$(psql -XAtq -d "$db" -c "SELECT obj_description('ruralatlas.farms'::regclass)" 2>/dev/null || true)"
  if [ "$have" = "$tag" ]; then
    say "$db: kept ($tag)"
    continue
  fi
  say "$db: building ($tag)"
  psql -XAtq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql -Xq -d postgres -c "CREATE DATABASE $db"
  psql -Xq -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis"
  if ! psql -XAtq -d "$db" -c "SELECT count(*) FROM ruralatlas.communes" >/dev/null 2>&1; then
    timeout 900 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" load \
      --db-url="jdbc:postgresql://127.0.0.1:$SCALE_PORT/$db" --db-user=postgres --db-password= > "$SCALE_DIR/load.$n.log" 2>&1 \
      || { tail -20 "$SCALE_DIR/load.$n.log" >&2; exit 1; }
  fi
  t0=$SECONDS
  timeout 7200 psql -X -q -d "$db" -v ON_ERROR_STOP=1 -v n="$n" -v seed="$SEED" -v tag="$tag" \
    -f "$ROOT/bench/scale/country.sql" > "$SCALE_DIR/gen.$n.log" 2>&1 || { tail -20 "$SCALE_DIR/gen.$n.log" >&2; exit 1; }
  say "$db: made in $((SECONDS - t0)) s: $(grep -E '^ *(farms|zones|tourism) *\|' "$SCALE_DIR/gen.$n.log" | tr '\n' ' ')"
done

[ "${BUILD_ONLY:-0}" = 1 ] && { say "BUILD_ONLY=1: data sets ready, nothing measured"; exit 0; }

# ---- the measurements ---------------------------------------------------------------------------
floor() {  # db sql : pgbench mean latency (ms) of the statement, prepared, one client
  printf '%s\n' "$2" > "$SCALE_DIR/floor.sql"
  timeout 300 pgbench -n -M prepared -c 1 -T 5 -f "$SCALE_DIR/floor.sql" "$1" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\) ms/\1/p'
}
results="$SCALE_DIR/results.$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
first=""
for n in $SIZES; do
  db="scale_$n"
  # the commune with the most farms at the smallest size: the same district at every size
  [ -n "$first" ] || read -r lon lat < <(psql -XAtq -F ' ' -d "$db" -c "SELECT round(ST_X(c)::numeric, 5), round(ST_Y(c)::numeric, 5) FROM (
      SELECT ST_PointOnSurface(m.geom) AS c FROM ruralatlas.communes m JOIN (SELECT commune_code, count(*) AS k
        FROM ruralatlas.farms GROUP BY 1 ORDER BY 2 DESC LIMIT 1) f ON f.commune_code = m.code AND m.valid_to IS NULL) s")
  first=$n
  tiles="$(mktemp -d /tmp/ruralatlas-scale-tiles.XXXXXX)"
  say "$db: starting the server (-Xmx256m), densest commune at $lon $lat"
  t0=$(date +%s%N)
  java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$jar" --ruralatlas.db.url="jdbc:postgresql://127.0.0.1:$SCALE_PORT/$db" \
    --ruralatlas.db.user=postgres --ruralatlas.db.password= --ruralatlas.db.migrate=true --server.address=127.0.0.1 --server.port="$RA_PORT" \
    --ruralatlas.tiles.cache-dir="$tiles" > "$results/server.$n.log" 2>&1 &
  pid=$!
  up=0
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || break
    if curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$RA_PORT/actuator/health"; then up=1; break; fi
    sleep 0.1
  done
  startup_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ $up = 1 ] || { kill "$pid" 2>/dev/null; tail -30 "$results/server.$n.log" >&2; exit 1; }
  # the search index is built in the background: wait for it (bounded), as a first search would
  timeout 300 bash -c "until curl -fs -o /dev/null 'http://127.0.0.1:$RA_PORT/search?q=phuc'; do sleep 1; done" || true
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap_kb="$(jcmd "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)"
  say "$db: up in $startup_ms ms, heap after start ${heap_kb:-?} KB; measuring"
  set +e
  ONLY="${ONLY:-}" timeout 1800 python3 "$ROOT/bench/scale/measure.py" "http://127.0.0.1:$RA_PORT" "$REPEATS" "$lon" "$lat" > "$results/http.$n.json"
  rc=$?
  set -e
  rss_kb="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tiles"
  [ $rc = 0 ] || { echo "scale: measure.py failed for $n" >&2; tail -20 "$results/server.$n.log" >&2; exit 1; }
  if [ -n "${ONLY:-}" ]; then  # a partial run: no SQL floors
    printf '{"n": %s, "startup_ms": %s, "heap_after_start_kb": %s, "peak_rss_kb": %s, "floor": {}, "http": %s}\n' \
      "$n" "$startup_ms" "${heap_kb:-0}" "${rss_kb:-0}" "$(cat "$results/http.$n.json")" > "$results/size.$n.json"
    say "$db: done (ONLY=$ONLY)"
    continue
  fi
  last="$(psql -XAtq -d "$db" -c "SELECT farm_id FROM ruralatlas.farms ORDER BY farm_id OFFSET 9989 LIMIT 1")"
  cols="farm_id, name, owner_type, main_product, area_ha, certifications, growing_area_code, ocop_products, ocop_stars, commune_code, province_code, source, source_date, licence, sample"
  f_city="$(floor "$db" "SELECT $cols, ST_AsBinary(geom) FROM ruralatlas.farms WHERE geom && ST_MakeEnvelope(105.8, 21.0, 105.9, 21.1, 4326) ORDER BY farm_id LIMIT 101")"
  f_country="$(floor "$db" "SELECT $cols, ST_AsBinary(geom) FROM ruralatlas.farms WHERE geom && ST_MakeEnvelope(102, 8, 110, 24, 4326) ORDER BY farm_id LIMIT 101")"
  f_next="$(floor "$db" "SELECT $cols FROM ruralatlas.farms WHERE farm_id > '$last' ORDER BY farm_id LIMIT 11")"
  f_offset="$(floor "$db" "SELECT $cols FROM ruralatlas.farms ORDER BY farm_id LIMIT 11 OFFSET 9990")"
  f_count="$(floor "$db" "SELECT count(*) FROM (SELECT 1 FROM ruralatlas.farms WHERE geom && ST_MakeEnvelope(102, 8, 110, 24, 4326) LIMIT 100001) s")"
  f_fullcount="$(floor "$db" "SELECT count(*) FROM ruralatlas.farms WHERE geom && ST_MakeEnvelope(102, 8, 110, 24, 4326)")"
  printf '{"n": %s, "startup_ms": %s, "heap_after_start_kb": %s, "peak_rss_kb": %s, "floor": {"items_city": %s, "items_country": %s, "page1000_next": %s, "page1000_offset": %s, "bounded_count": %s, "full_count": %s}, "http": %s}\n' \
    "$n" "$startup_ms" "${heap_kb:-0}" "${rss_kb:-0}" "${f_city:-0}" "${f_country:-0}" "${f_next:-0}" "${f_offset:-0}" "${f_count:-0}" "${f_fullcount:-0}" \
    "$(cat "$results/http.$n.json")" > "$results/size.$n.json"
  say "$db: done"
done

# ---- the table ----------------------------------------------------------------------------------
python3 - "$results" $SIZES <<'PY'
import json, sys
results, sizes = sys.argv[1], sys.argv[2:]
d = {n: json.load(open("%s/size.%s.json" % (results, n))) for n in sizes}
base = d[sizes[0]]
rows = [("items bbox page, city box (limit 100)", "items_city", "items_city"),
        ("items bbox page, country box (limit 100)", "items_country", "items_country"),
        ("country box, 2nd page (cursor, counted)", "items_country_page2_counted", "bounded_count"),
        ("1,000th page through next links", "page1000_next", "page1000_next"),
        ("1,000th page through offset", "page1000_offset", "page1000_offset"),
        ("first page (offset 0)", "page1_offset", None),
        ("tile z8 uncached, densest district", "tile_z8", None),
        ("tile z10 uncached", "tile_z10", None),
        ("tile z12 uncached", "tile_z12", None),
        ("tile z14 uncached", "tile_z14", None),
        ("search p50", "search_p50", None),
        ("search p99", "search_p99", None)]
print("\n| request (ms) | " + " | ".join("%s farms" % format(int(n), ",") for n in sizes) + " | "
      + " | ".join("ratio %s/%s" % (format(int(n), ","), format(int(sizes[0]), ",")) for n in sizes[1:])
      + " | " + " | ".join("x SQL floor at %s" % format(int(n), ",") for n in sizes) + " |")
print("|---" * (1 + 2 * len(sizes) + len(sizes) - 1) + "|")
for label, key, fk in rows:
    if key not in base["http"]:
        continue  # not measured in this run (ONLY=...)
    vals = [d[n]["http"][key] for n in sizes]
    ratios = ["%.2f" % (v / vals[0]) if vals[0] else "-" for v in vals[1:]]
    floors = ["%.1f" % (d[n]["http"][key] / d[n]["floor"][fk]) if fk and d[n]["floor"].get(fk) else "-" for n in sizes]
    print("| %s | %s | %s | %s |" % (label, " | ".join("%.1f" % v for v in vals), " | ".join(ratios), " | ".join(floors)))
for label, key in (("start-up to health UP (ms)", "startup_ms"), ("heap after start (KB)", "heap_after_start_kb"),
                   ("peak RSS (KB)", "peak_rss_kb")):
    vals = [d[n][key] for n in sizes]
    print("| %s | %s | %s |  |" % (label, " | ".join(str(v) for v in vals),
                                   " | ".join("%.2f" % (v / vals[0]) if vals[0] else "-" for v in vals[1:])))
if "numberMatched_country" in base["http"]:
    print("\nSQL floors (pgbench, ms): " + "; ".join("%s: %s" % (n, d[n]["floor"]) for n in sizes))
    print("numberMatched of the country box: " + "; ".join("%s: %s (%s)" % (n, d[n]["http"]["numberMatched_country"],
          "exact" if d[n]["http"]["numberMatched_exact"] else "estimate") for n in sizes))
    print("pages followed to reach the 1,000th: " + "; ".join("%s: %s" % (n, d[n]["http"]["pages_followed"]) for n in sizes))
print("raw: " + results)
PY
