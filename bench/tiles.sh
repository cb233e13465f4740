#!/usr/bin/env bash
# Vector tiles of farms at z10 and z14 on the peers PostGIS data, one run, five ways:
#   (a) floor:    the raw ST_AsMVT(ST_AsMVTGeom(...)) query per tile (pgbench, peers run.sh)
#   (b) uncached: RuralAtlas producing every tile (started with ruralatlas.tiles.memory-bytes=0)
#   (c) cached:   RuralAtlas answering from its cache (one pass over the tile lists fills it)
#   (d) ceiling:  nginx serving the same tiles pre-rendered as files (peers run.sh)
#   (e) MapServer 8's MVT output (peers run.sh)
# and the issue's targets: (b) >= 0.8 x (a) and >= 2 x (e) in tiles/s; (c) >= 0.5 x (d) in req/s.
#
#   bench/tiles.sh                          # from the project root; about 15 minutes on 2 cores
#   ROUNDS=1 HTTP_SECS=10 FLOOR_SECS=5 bench/tiles.sh
#
# Steps: peers install/data and the ruralatlas schema as bench/features.sh does (bench/lib); a
# parity check of one z10 and one z14 tile from the floor SQL, MapServer and RuralAtlas (features
# and bytes per layer, with the peers mvt_info.py); WARMUP_SECS of unmeasured load on RuralAtlas;
# then run.sh with ONLY=floor,ms,static,cand against the uncached server, then ONLY=cand against
# a cached one; the combined table.
#
# Environment: as bench/features.sh (RA_PORT, RA_JAR, RA_HEAP, JAVA_OPTS, ROUNDS, HTTP_SECS,
# CONNS_DYN, PEERS_DIR, KEEP_SERVICES) plus FLOOR_SECS (10) and WARMUP_SECS (20).
#
# Read the comparison with care: the floor and MapServer put every attribute of a farm in the
# tile; RuralAtlas puts the id and the catalogue's display properties, simplifies to a quarter of
# an MVT unit and drops features under two units (see tile-cache's Generalisation), so its tiles
# are smaller. The parity step prints both so the difference is visible.
set -euo pipefail
BENCH=tiles
. "$(cd "$(dirname "$0")" && pwd)/lib/ruralatlas.sh"
export ROUNDS HTTP_SECS CONNS_DYN FLOOR_SECS="${FLOOR_SECS:-10}"
WARMUP_SECS="${WARMUP_SECS:-20}"
timeout 60 "$PEERS_DIR/services.sh" start >/dev/null

# ---- parity: one tile per zoom from each source --------------------------------------------------
. "$PEERS_DIR/lib/tilesql.sh"
parity() {  # z x y
  local z=$1 x=$2 y=$3
  say "parity, farms tile $z/$x/$y (features, bytes per layer)"
  psql -XAtq -c "SELECT encode(mvt, 'base64') FROM ($(tile_sql farms "SELECT $z AS z, $x AS x, $y AS y")) t" \
    | base64 -d > "$work/parity.floor.$z.mvt" 2>/dev/null || true
  curl -s --max-time 30 -o "$work/parity.mapserver.$z.mvt" \
    "http://127.0.0.1:$MS_PORT/mapserv?map=PEERS&mode=tile&tilemode=gmap&tile=$x+$y+$z&layers=farms&map.imagetype=mvt" || true
  curl -s --max-time 30 -o "$work/parity.ruralatlas.$z.mvt" "$RA/tiles/farms/$z/$x/$y.mvt" || true
  for who in floor mapserver ruralatlas; do
    printf '    %-10s ' "$who" >&2
    python3 "$PEERS_DIR/mvt_info.py" "$work/parity.$who.$z.mvt" 2>&1 | tr '\n' ' ' | cut -c1-200 >&2
    echo >&2
  done
}

start_ra uncached --ruralatlas.tiles.memory-bytes=0
read -r z x y < "$PEERS_RUN/lists/tiles_z10.txt"; parity "$z" "$x" "$y"
read -r z x y < "$PEERS_RUN/lists/tiles_z14.txt"; parity "$z" "$x" "$y"
if [ "$WARMUP_SECS" -gt 0 ]; then
  say "warm-up: $WARMUP_SECS s of z10 and z14 tiles, not measured"
  for l in tiles10 tiles14; do
    DURATION="$(( WARMUP_SECS / 2 ))s" "$PEERS_DIR/wrk_run.sh" "$RA" '/tiles/farms/{z}/{x}/{y}.mvt' "$l" seed=91 >/dev/null 2>&1 || true
  done
fi

say "peers run.sh: floor, MapServer, nginx static, RuralAtlas uncached (ROUNDS=$ROUNDS)"
CAND_URL="$RA" CAND_TILES='/tiles/{layer}/{z}/{x}/{y}.mvt' ONLY=floor,ms,static,cand \
  timeout 3600 "$PEERS_DIR/run.sh" > "$work/run.uncached.txt" 2>"$work/run.uncached.err"
tsv1="$(sed -n 's/^raw: \([^ ]*\).*/\1/p' "$work/run.uncached.txt")"
stop_ra

start_ra cached --ruralatlas.tiles.cache-dir="$work/tile-cache"
say "peers run.sh: RuralAtlas cached (one pass over the lists fills the cache first)"
CAND_URL="$RA" CAND_CACHED='/tiles/{layer}/{z}/{x}/{y}.mvt' ONLY=cand \
  timeout 3600 "$PEERS_DIR/run.sh" > "$work/run.cached.txt" 2>"$work/run.cached.err"
tsv2="$(sed -n 's/^raw: \([^ ]*\).*/\1/p' "$work/run.cached.txt")"
ra_metrics ruralatlas.tiles.requests > "$work/metrics.tiles.json" 2>/dev/null || true
stop_all
trap - EXIT

python3 - "$tsv1" "$tsv2" <<'PY'
import sys
rows = {}
for path in sys.argv[1:]:
    for i, line in enumerate(open(path)):
        if i == 0:
            continue
        name, rnd, rps, p50, p99, kb, err = (line.rstrip("\n").split("\t") + [""] * 7)[:7]
        rows.setdefault(name, []).append((float(rps or 0), p99, kb))
def mean(name):
    v = [r[0] for r in rows.get(name, [])]
    return sum(v) / len(v) if v else float("nan")
def cell(name):
    rs = rows.get(name, [])
    return "%8.0f | %-13s | %6s" % (mean(name), "/".join(r[1] for r in rs), rs[-1][2] if rs else "-")
print()
print("| farms z | source | tiles/s or req/s | p99 ms | KB |")
print("|---|---|---|---|---|")
names = {"a floor (ST_AsMVT)": "floor pgbench farms z%d", "b RuralAtlas uncached": "candidate mvt farms z%d",
         "c RuralAtlas cached": "candidate cached mvt farms z%d", "d nginx static": "nginx static mvt farms z%d",
         "e MapServer MVT": "mapserver mvt farms z%d"}
for z in (10, 14):
    for label, pattern in names.items():
        print("| %d | %-22s | %s |" % (z, label, cell(pattern % z)))
print()
for z in (10, 14):
    a, b, c, d, e = (mean(p % z) for p in names.values())
    print("target z%d: (b)/(a) = %.2f (>= 0.8 %s); (b)/(e) = %.2f (>= 2 %s); (c)/(d) = %.2f (>= 0.5 %s)" % (
        z, b / a, "ok" if b / a >= 0.8 else "MISSED", b / e, "ok" if b / e >= 2 else "MISSED",
        c / d, "ok" if c / d >= 0.5 else "MISSED"))
PY
say "done in $((SECONDS - t_start)) s; raw TSVs $tsv1 $tsv2; logs in $work"
