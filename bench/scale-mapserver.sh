#!/usr/bin/env bash
# MapServer 8 and RuralAtlas side by side on the same country-scale farms table (issue 17): items
# pages (a city box and the country box, limit 100) and farms MVT tiles at z10 and z14 over the
# densest district, each as a median of sequential requests on loopback, and RuralAtlas as a ratio
# of MapServer. MapServer is the peers harness's (../shared/bench/peers: FastCGI behind nginx, its
# mapfile), pointed at views over the scale database's tables; RuralAtlas serves the same database
# at -Xmx256m with no tile cache (every tile made).
#
#   bench/scale.sh BUILD_ONLY=1 ... first (the data set), then
#   N=10000000 bench/scale-mapserver.sh
#
# Needs cgi-mapserver, spawn-fcgi and nginx (../shared/bench/peers/install.sh installs them).
# Bounded: REPEATS requests per item page; per zoom PASSES blocks of 3 x 3 tiles, each tile asked once.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
SCALE_DIR="${SCALE_DIR:-/var/tmp/ruralatlas-scale}"
SCALE_PORT="${SCALE_PORT:-5442}"
N="${N:-10000000}"
REPEATS="${REPEATS:-15}"
PASSES="${PASSES:-3}"
RA_PORT="${RA_PORT:-8097}"
MS_PORT="${MS_PORT:-8091}"
db="scale_$N"
say() { printf '[scale-mapserver] %s\n' "$*" >&2; }
for c in /usr/lib/cgi-bin/mapserv spawn-fcgi nginx; do
  command -v "$c" >/dev/null || { echo "scale-mapserver: $c is missing ($PEERS/install.sh installs it)" >&2; exit 1; }
done
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg /usr/lib/postgresql/15/bin/pg_ctl -D "$SCALE_DIR/data" status >/dev/null 2>&1 \
  || { echo "scale-mapserver: the scale cluster is down: run BUILD_ONLY=1 SIZES=$N bench/scale.sh first" >&2; exit 1; }
export PGHOST=127.0.0.1 PGPORT="$SCALE_PORT"

# the peers mapfile's tables, as views over the scale database's (the peers role reads only these)
psql -XAtq -U postgres -d "$db" -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'peers') THEN CREATE ROLE peers LOGIN PASSWORD 'peers'; END IF; END $$;
CREATE SCHEMA IF NOT EXISTS peers AUTHORIZATION peers;
CREATE OR REPLACE VIEW peers.farms AS SELECT farm_id AS id, name, owner_type, main_product, area_ha, certifications,
  growing_area_code, ocop_products, ocop_stars, commune_code, province_code, source, source_date, licence, sample, geom
  FROM ruralatlas.farms;
CREATE OR REPLACE VIEW peers.zones AS SELECT zone_id AS id, name, commodity, area_ha, geom FROM ruralatlas.zones;
CREATE OR REPLACE VIEW peers.communes AS SELECT unit_id AS id, name, ntm_level AS ntm_status, geom
  FROM ruralatlas.communes WHERE valid_to IS NULL;
CREATE OR REPLACE VIEW peers.tourism_sites AS SELECT site_id AS id, name, category, geom FROM ruralatlas.tourism;
GRANT USAGE ON SCHEMA peers TO peers;
-- the planner inlines the farms' index expressions (ruralatlas.search_words) as the querying role
GRANT USAGE ON SCHEMA ruralatlas TO peers;
GRANT SELECT ON ALL TABLES IN SCHEMA peers TO peers;
SQL
peers_env=(PGHOST=127.0.0.1 PGPORT="$SCALE_PORT" PGDATABASE="$db" PGUSER=peers PGPASSWORD=peers
  PEERS_RUN="$SCALE_DIR/peers" MS_PORT="$MS_PORT" STATIC_PORT="$((MS_PORT + 1))")
env "${peers_env[@]}" "$PEERS/services.sh" start >&2
# the commune with the most farms at the smallest size, as scale.sh picks it: the same district at every size
first="$(psql -XAtq -U postgres -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 'scale\_%' ORDER BY substr(datname, 7)::bigint LIMIT 1")"
read -r lon lat < <(psql -XAtq -U postgres -F ' ' -d "$first" -c "SELECT round(ST_X(c)::numeric, 5), round(ST_Y(c)::numeric, 5) FROM (
  SELECT ST_PointOnSurface(m.geom) AS c FROM ruralatlas.communes m JOIN (SELECT commune_code, count(*) AS k
    FROM ruralatlas.farms GROUP BY 1 ORDER BY 2 DESC LIMIT 1) f ON f.commune_code = m.code AND m.valid_to IS NULL) s")

tiles="$(mktemp -d /tmp/ruralatlas-scale-ms.XXXXXX)"
log="$SCALE_DIR/scale-mapserver.server.log"
java -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "${JAR:-$ROOT/map-server/target/ruralatlas.jar}" \
  --ruralatlas.db.url="jdbc:postgresql://127.0.0.1:$SCALE_PORT/$db" --ruralatlas.db.user=postgres --ruralatlas.db.password= \
  --ruralatlas.db.migrate=true --server.address=127.0.0.1 --server.port="$RA_PORT" \
  --ruralatlas.tiles.cache-dir="$tiles" --ruralatlas.tiles.memory-bytes=0 > "$log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tiles"
  env "${peers_env[@]}" "$PEERS/services.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$RA_PORT/actuator/health" && break
  kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; exit 1; }
  sleep 0.2
done
say "$db, densest district at $lon $lat; MapServer on :$MS_PORT, RuralAtlas on :$RA_PORT"

timeout 1800 python3 - "$lon" "$lat" "$REPEATS" "$PASSES" "$MS_PORT" "$RA_PORT" <<'PY'
import json, math, statistics, sys, time, urllib.request
lon, lat, repeats, passes, ms_port, ra_port = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
MS, RA = "http://127.0.0.1:%s" % ms_port, "http://127.0.0.1:%s" % ra_port

def get(url):
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:
        body = r.read()
        status = r.status
    return (time.perf_counter() - t) * 1000, status, body

def tile(z, p):
    n = 2 ** z
    x = int((lon + 180) / 360 * n) + 3 * (p - passes // 2)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return [(x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]

rows = []
for label, box in (("items, city box, limit 100", "105.8,21.0,105.9,21.1"), ("items, country box, limit 100", "102,8,110,24")):
    ms_url = MS + "/mapserv/PEERS/ogcapi/collections/farms/items?f=json&limit=100&bbox=" + box
    ra_url = RA + "/collections/farms/items?limit=100&bbox=" + box
    for url in (ms_url, ra_url):
        get(url)  # warm: connections, the planner's statistics
    m = [get(ms_url) for _ in range(repeats)]
    r = [get(ra_url) for _ in range(repeats)]
    counts = [len(json.loads(x[-1][2])["features"]) for x in (m, r)]
    rows.append((label, statistics.median(a[0] for a in m), statistics.median(a[0] for a in r),
                 "%d / %d features, %d / %d KB" % (counts[0], counts[1], len(m[-1][2]) // 1024, len(r[-1][2]) // 1024)))
for z in (10, 14):
    ms_t, ra_t, ms_b, ra_b = [], [], [], []
    for p in range(passes):
        # a 3 x 3 block of its own per pass, so no tile is asked twice (RuralAtlas would answer from
        # its disk cache); who asks first alternates, as the first warms the database's pages
        for x, y in tile(z, p):
            ms = MS + "/mapserv?map=PEERS&mode=tile&tilemode=gmap&tile=%d+%d+%d&layers=farms&map.imagetype=mvt" % (x, y, z)
            ra = RA + "/collections/farms/tiles/WebMercatorQuad/%d/%d/%d" % (z, y, x)
            answers = {}
            for who, url in ((("ms", ms), ("ra", ra)) if p % 2 == 0 else (("ra", ra), ("ms", ms))):
                answers[who] = get(url)
            ms_t.append(answers["ms"][0]); ms_b.append(len(answers["ms"][2]))
            ra_t.append(answers["ra"][0]); ra_b.append(len(answers["ra"][2]))
    rows.append(("farms MVT z%d, densest district" % z, statistics.median(ms_t), statistics.median(ra_t),
                 "median tile %d / %d KB" % (statistics.median(ms_b) // 1024, statistics.median(ra_b) // 1024)))
print("\n| request (ms, median) | MapServer 8 | RuralAtlas | RuralAtlas / MapServer | what (MapServer / RuralAtlas) |")
print("|---|---|---|---|---|")
for label, m, r, what in rows:
    print("| %s | %.1f | %.1f | %.3g | %s |" % (label, m, r, r / m, what))
PY
