#!/usr/bin/env bash
# Farms tiles from cells of one farm with and without their hint (issue 17; migrations V22, V25):
# uncached z12 farms tiles over the synthetic farms, read with every cell of one farm naming its
# farm (by primary key), then with none naming it (each found through the GIST index in its box,
# as on a database counted before V22), then again once the server's background worker has named
# them; and how fast the worker names them.
#
#   bench/cell-hints.sh               # 300,000 farms
#   N=100000 bench/cell-hints.sh      # shorter
#
# Steps (each bounded in time, everything on 127.0.0.1):
#   1. a throwaway PostgreSQL 15 cluster (bench/lib/throwaway-pg.sh), deleted at the end; the
#      sample loaded with `load`, then N farms (seeded) at random over a 0.8 x 0.6 degree box of
#      the Red River delta, inserted by psql (the triggers count and name the cells).
#   2. the server (-Xmx512m) with no tile cache (ruralatlas.tiles.memory-bytes=0), so each request
#      makes its tile; the block of z12 tiles over the box (63 tiles) read ROUNDS times on one
#      keep-alive connection, the median round counting: "named".
#   3. every hint cleared, and the worker held off by a SHARE lock on the cells (reads go on); the
#      same block read: "unnamed".
#   4. the lock released: the worker's next pass (within a minute) names them; its log line gives
#      the count and time. The block read again: "named again". The tiles' bytes must be equal in
#      all three.
# Prints ms per tile for each and the ratio, and the worker's cells per second.
# Environment: N (300000), ROUNDS (3), RA_JAR (map-server/target/ruralatlas.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-300000}"
ROUNDS="${ROUNDS:-3}"
RA_JAR="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$RA_JAR" ] || { echo "cell-hints: no $RA_JAR (./mvnw -q package -DskipTests)" >&2; exit 2; }
t_start=$SECONDS
say() { printf '[cell-hints %4ds] %s\n' $((SECONDS - t_start)) "$*" >&2; }
BENCH_NAME=cell-hints
# shellcheck source=bench/lib/throwaway-pg.sh
. bench/lib/throwaway-pg.sh
logs="$pgdir/logs"
mkdir -p "$logs"

fresh_db hints
say "loading the sample"
timeout 300 java -jar "$RA_JAR" load --db-url="$(jdbc hints)" > "$logs/load.log" 2>&1 || { tail -20 "$logs/load.log" >&2; exit 1; }
say "inserting $N farms"
sql -d hints -c "SET ruralatlas.audit = 'off'" -c "SELECT setseed(0.17)" -c "
  INSERT INTO ruralatlas.farms (farm_id, name, main_product, area_ha, province_code, geom)
  SELECT 'hint-' || lpad(i::text, 8, '0'), 'Trang trại ' || i,
         (ARRAY['vai_thieu', 'lua', 'che', 'rau', 'ca_phe'])[1 + i % 5], 1.5, '24',
         ST_SetSRID(ST_MakePoint(105.6 + random() * 0.8, 20.8 + random() * 0.6), 4326)
  FROM generate_series(1, $N) i" -c "ANALYZE ruralatlas.farms" -c "ANALYZE ruralatlas.farms_cells"
say "cells of one farm: $(sql -d hints -c "SELECT count(*) FROM ruralatlas.farms_cells WHERE n = 1")"

ra_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
java -Xmx512m -jar "$RA_JAR" --ruralatlas.db.url="jdbc:postgresql://127.0.0.1:$port/hints" --ruralatlas.db.user=postgres \
  --ruralatlas.db.password= --server.address=127.0.0.1 --server.port="$ra_port" --ruralatlas.tiles.memory-bytes=0 \
  > "$logs/server.log" 2>&1 &
ra_pid=$!
trap 'kill $ra_pid 2>/dev/null || true; cleanup' EXIT
timeout 120 bash -c "until curl -fs -o /dev/null http://127.0.0.1:$ra_port/actuator/health; do sleep 0.2; done" \
  || { tail -30 "$logs/server.log" >&2; exit 1; }
# the worker's first pass (10 s after start) finds nothing to name: let it go by
sleep 12

block() {  # label: ms per tile (median round) and a digest of the tiles' bytes
  timeout 600 python3 - "$ra_port" "$ROUNDS" "$1" <<'EOF'
import hashlib, http.client, math, sys, time
port, rounds, label = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def tile(lon, lat, z):
    n = 2 ** z
    return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
(x0, y0), (x1, y1) = tile(105.65, 21.35, 12), tile(106.35, 20.85, 12)
tiles = [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
times, digest = [], None
for _ in range(rounds):
    h = hashlib.sha256(); t0 = time.perf_counter()
    for x, y in tiles:
        c.request("GET", f"/collections/farms/tiles/WebMercatorQuad/12/{y}/{x}")
        r = c.getresponse(); body = r.read()
        assert r.status in (200, 204), (r.status, x, y)
        h.update(body)
    times.append((time.perf_counter() - t0) * 1000 / len(tiles))
    digest = h.hexdigest()[:16]
print(f"{label} {sorted(times)[len(times) // 2]:.1f} {digest} {len(tiles)}")
EOF
}

read -r _ named digest1 count < <(block named)
say "named: $named ms/tile ($count tiles)"
sql -d hints -c "UPDATE ruralatlas.farms_cells SET one_id = NULL WHERE n = 1" -c "VACUUM ANALYZE ruralatlas.farms_cells"
unnamed_cells=$(sql -d hints -c "SELECT count(*) FROM ruralatlas.farms_cells WHERE n = 1 AND one_id IS NULL")
psql -XAtq -d hints -c "BEGIN" -c "LOCK TABLE ruralatlas.farms_cells IN SHARE MODE" -c "SELECT pg_sleep(600)" > /dev/null 2>&1 &
lock_pid=$!
sleep 1
read -r _ unnamed digest2 _ < <(block unnamed)
say "unnamed: $unnamed ms/tile"
left=$(sql -d hints -c "SELECT count(*) FROM ruralatlas.farms_cells WHERE n = 1 AND one_id IS NULL")
[ "$left" = "$unnamed_cells" ] || { echo "cell-hints: the worker named cells while held off ($left of $unnamed_cells left)" >&2; exit 1; }
kill "$lock_pid" 2>/dev/null || true
sql -d hints -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" > /dev/null
say "lock released: waiting for the worker's pass (at most two minutes)"
timeout 150 bash -c "until [ \"\$(psql -XAtq -d hints -c 'SELECT count(*) FROM ruralatlas.farms_cells WHERE n = 1 AND one_id IS NULL')\" = 0 ]; do sleep 1; done" \
  || { echo "cell-hints: the worker did not name the cells" >&2; tail -20 "$logs/server.log" >&2; exit 1; }
sleep 1
pass=$(grep -o 'named the feature of [0-9]* cells of one farms feature for their tiles in [0-9]* ms' "$logs/server.log" | tail -1)
pass_cells=$(echo "$pass" | awk '{print $5}')
pass_ms=$(echo "$pass" | awk '{print $(NF-1)}')
read -r _ again digest3 _ < <(block "named-again")
[ "$digest1" = "$digest2" ] && [ "$digest1" = "$digest3" ] || { echo "cell-hints: the tiles differ ($digest1 $digest2 $digest3)" >&2; exit 1; }

printf '\nN=%s farms, %s z12 tiles, median of %s rounds, no tile cache (same bytes in all three)\n' "$N" "$count" "$ROUNDS"
printf '| cells of one farm | ms per tile | vs named |\n|---|---|---|\n'
printf '| named (V22 hint) | %s | 1.00 |\n' "$named"
printf '| unnamed (%s cells) | %s | %.2f |\n' "$unnamed_cells" "$unnamed" "$(echo "$unnamed / $named" | bc -l)"
printf '| named again by the worker | %s | %.2f |\n' "$again" "$(echo "$again / $named" | bc -l)"
printf '\nthe worker named %s cells in %s ms (%.0f cells/s)\n' "$pass_cells" "$pass_ms" "$(echo "$pass_cells * 1000 / $pass_ms" | bc -l)"
