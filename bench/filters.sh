#!/usr/bin/env bash
# CQL2-filtered items pages (issue 16) on the peers PostGIS data (200,000 farms), against the same
# page written by hand in SQL and run by pgbench (the floor), in the same run:
#   bbox        no filter, bbox = the S_DWITHIN's 5 km box: the reference, what the HTTP around a page costs
#   attribute   main_product = 'vai_thieu' AND area_ha > <90th percentile of lychee farms>
#   accenti     CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Phú Hoà%'))   (the data write "Phú Hòa")
#   intersects  S_INTERSECTS(geometry, <the commune nearest the first bench point, as WKT>)
#   dwithin     S_DWITHIN(geometry, POINT(<that point>), 5, km)
# each as /collections/farms/items?limit=100&filter=… (numberMatched counted, as every page is),
# and the issue's target: RuralAtlas at least 0.65 x the floor's rate for each.
#
#   bench/filters.sh                      # from the project root; about 9 minutes on 2 cores once
#                                         # the peers data is loaded (gen_data.sh, copy: longer)
#   HTTP_SECS=10 ROUNDS=1 bench/filters.sh
#
# Steps (every one bounded in time, everything on 127.0.0.1):
#   1. the peers harness, the RuralAtlas schema in database "peers" and the peers rows copied into
#      it, as bench/features.sh does (bench/lib/ruralatlas.sh)
#   2. the four filters' literals from the data; each filter's page by hand in SQL (a
#      MATERIALIZED set of matches, the page in id order with every column and the geometry as
#      GeoJSON, and the count) and its EXPLAIN (ANALYZE), which must use the farms indexes
#   3. RuralAtlas on 127.0.0.1:$RA_PORT; parity: numberMatched and the page's ids against the SQL
#   4. WARMUP_SECS of unmeasured requests (the filters in turns), then ROUNDS rounds, interleaved: pgbench (-M prepared,
#      FLOOR_CLIENTS clients, HTTP_SECS) and wrk (CONNS connections, HTTP_SECS) per filter
#   5. the table: floor pages/s, RuralAtlas pages/s, ratio, p99
#
# Environment: as bench/features.sh (RA_PORT, RA_JAR, RA_HEAP, JAVA_OPTS, ROUNDS (2), HTTP_SECS
# (15), PEERS_DIR, KEEP_SERVICES) plus FLOOR_CLIENTS (2, as the peers floor rows), CONNS (16),
# WARMUP_SECS (240).
set -euo pipefail
BENCH=filters
. "$(cd "$(dirname "$0")" && pwd)/lib/ruralatlas.sh"
FLOOR_CLIENTS="${FLOOR_CLIENTS:-2}"
CONNS="${CONNS:-16}"
WARMUP_SECS="${WARMUP_SECS:-240}"
JSTACKS=0

# ---- 2. the filters, their literals from the data, and the hand-written SQL -----------------------
read -r lon lat < <(head -1 "$PEERS_RUN/lists/points1000.txt")
threshold="$(psql -XAtq -c "SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY area_ha) FROM ruralatlas.farms
                            WHERE main_product = 'vai_thieu'")"
# the commune nearest the point, simplified only as much as a URL needs (at most ~6,000 characters)
commune_wkt="$(psql -XAtq -c "SELECT ST_AsText(CASE WHEN length(ST_AsText(geom, 5)) > 5000
                                   THEN ST_SimplifyPreserveTopology(geom, 0.0005) ELSE geom END, 5)
                              FROM ruralatlas.communes ORDER BY geom <-> ST_SetSRID(ST_MakePoint($lon, $lat), 4326) LIMIT 1")"
# the index box of S_DWITHIN, grown as RuralAtlas grows it (5 km on the sphere, plus 1 %)
box="$(awk -v x="$lon" -v y="$lat" 'BEGIN { pi = atan2(0, -1); d = 5000 * 1.01 / 6371008.8 * 180 / pi;
  e = d / cos(y * pi / 180); printf "%.7f, %.7f, %.7f, %.7f", x - e, y - d, x + e, y + d }')"
say "literals: lychee area_ha > $threshold; point $lon $lat; commune polygon of ${#commune_wkt} characters"

declare -A FILTER SQLWHERE
# the reference: the same page with a plain bbox (the 5 km box) and no filter, as the issue compares
NAMES=(bbox attribute accenti intersects dwithin)
FILTER[bbox]="(none: bbox=${box// /})"
SQLWHERE[bbox]="geom && ST_MakeEnvelope($box, 4326) AND ST_Intersects(geom, ST_MakeEnvelope($box, 4326))"
FILTER[attribute]="main_product = 'vai_thieu' AND area_ha > $threshold"
SQLWHERE[attribute]="main_product = 'vai_thieu' AND area_ha > $threshold"
FILTER[accenti]="CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Phú Hoà%'))"
SQLWHERE[accenti]="ruralatlas.casei(ruralatlas.accenti(name)) LIKE '%phu hoa%'"
FILTER[intersects]="S_INTERSECTS(geometry, $commune_wkt)"
SQLWHERE[intersects]="geom && ST_GeomFromText('$commune_wkt', 4326) AND ST_Intersects(geom, ST_GeomFromText('$commune_wkt', 4326))"
FILTER[dwithin]="S_DWITHIN(geometry, POINT($lon $lat), 5, km)"
SQLWHERE[dwithin]="geom && ST_MakeEnvelope($box, 4326) AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($lon, $lat), 4326)::geography, 5000, false)"

urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
mkdir -p "$work/sql"
for n in "${NAMES[@]}"; do
  # the page a person would write: matches once, then the first 100 in id order with their count
  cat > "$work/sql/$n.sql" <<SQL
WITH matched AS MATERIALIZED (SELECT * FROM ruralatlas.farms WHERE ${SQLWHERE[$n]})
SELECT farm_id, name, owner_type, main_product, area_ha, certifications, growing_area_code, ocop_products, ocop_stars,
       commune_code, province_code, source, source_date, licence, sample, ST_AsGeoJSON(geom, 9) AS geometry,
       count(*) OVER () AS matched
FROM matched ORDER BY farm_id COLLATE "C" LIMIT 100;
SQL
  if [ "$n" = bbox ]; then
    echo "/collections/farms/items?limit=100&bbox=${box// /}" > "$work/sql/$n.path"
  else
    echo "/collections/farms/items?limit=100&filter=$(urlencode "${FILTER[$n]}")" > "$work/sql/$n.path"
  fi
  { echo "=== $n: ${FILTER[$n]:0:160}"
    psql -XAtq -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) $(cat "$work/sql/$n.sql")" | grep -E 'Scan|Index Cond|Recheck|rows=' | head -8
  } | tee -a "$work/explain.txt" >&2
done
if grep -q 'Seq Scan on farms' "$work/explain.txt"; then
  say "note: a hand-written page reads the whole farms table (see $work/explain.txt)"
fi

# ---- 3. RuralAtlas, and parity with the SQL -------------------------------------------------------
start_ra filters
for n in "${NAMES[@]}"; do
  # the whole answer first: a pipe closed early (head) would kill psql with SIGPIPE under pipefail
  psql -XAtq -f "$work/sql/$n.sql" > "$work/parity.$n.sql.txt"
  sql_ids="$(cut -d'|' -f1 < "$work/parity.$n.sql.txt" | tr '\n' ' ')"
  sql_count="$(awk -F'|' 'NR == 1 { print $NF }' "$work/parity.$n.sql.txt")"
  curl -s --max-time 60 -o "$work/parity.$n.json" "$RA$(cat "$work/sql/$n.path")"
  python3 - "$work/parity.$n.json" "$n" "${sql_count:-0}" "$sql_ids" <<'PY' >&2
import json, sys
path, name, count, ids = sys.argv[1], sys.argv[2], int(sys.argv[3] or 0), sys.argv[4].split()
d = json.load(open(path))
got = [f["id"] for f in d.get("features", [])]
same = d.get("numberMatched") == count and got == ids
print("    %-10s numberMatched %s, SQL count %d, page ids %s" % (name, d.get("numberMatched"), count,
      "equal" if got == ids else "DIFFER"))
if not same:
    sys.exit("parity failed for " + name)
PY
done

if [ "$WARMUP_SECS" -gt 0 ]; then
  # the JIT of a server on 2 cores keeps compiling for minutes: round 2 of a run warmed 10 s per filter
  # was up to 1.8 x round 1, so the filters take turns of 10 s until WARMUP_SECS in all have passed
  say "warm-up: $WARMUP_SECS s in turns of 10 s per filter, not measured"
  warm_end=$((SECONDS + WARMUP_SECS))
  while [ $SECONDS -lt $warm_end ]; do
    for n in "${NAMES[@]}"; do
      timeout 40 wrk -t 2 -c "$CONNS" -d 10s "$RA$(cat "$work/sql/$n.path")" >/dev/null 2>&1 || true
    done
  done
  for n in "${NAMES[@]}"; do
    timeout 40 pgbench -n -M prepared -c "$FLOOR_CLIENTS" -j 2 -T 10 -f "$work/sql/$n.sql" >/dev/null 2>&1 || true
  done
fi

# ---- 4. the measured rounds -----------------------------------------------------------------------
: > "$work/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    say "round $round: $n (pgbench, then wrk; $HTTP_SECS s each)"
    timeout -k 5 $(( HTTP_SECS + 60 )) pgbench -n -M prepared -c "$FLOOR_CLIENTS" -j 2 -T "$HTTP_SECS" -f "$work/sql/$n.sql" \
      > "$work/pgbench.$n.$round.txt" 2>&1 || true
    tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.$n.$round.txt" | tail -1)"
    lat="$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$work/pgbench.$n.$round.txt" | tail -1)"
    timeout -k 5 $(( HTTP_SECS + 60 )) wrk -t 2 -c "$CONNS" -d "${HTTP_SECS}s" --timeout 10s --latency \
      "$RA$(cat "$work/sql/$n.path")" > "$work/wrk.$n.$round.txt" 2>&1 || true
    rps="$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/wrk.$n.$round.txt")"
    p99="$(awk '$1 == "99%" { print $2 }' "$work/wrk.$n.$round.txt")"
    bad="$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$work/wrk.$n.$round.txt")"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$round" "${tps:-0}" "${lat:-}" "${rps:-0}" "${p99:-}" "${bad:-0}" >> "$work/results.tsv"
  done
done
stop_all
trap - EXIT

# ---- 5. the table ---------------------------------------------------------------------------------
python3 - "$work/results.tsv" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    n, rnd, tps, lat, rps, p99, bad = line.rstrip("\n").split("\t")
    rows.setdefault(n, []).append((float(tps), lat, float(rps), p99, int(bad or 0)))
print()
print("| filter (farms, limit=100) | floor SQL pages/s (pgbench) | RuralAtlas pages/s (wrk) | ratio | RuralAtlas p99 | non-2xx |")
print("|---|---|---|---|---|---|")
for n, rs in rows.items():
    floor = sum(r[0] for r in rs) / len(rs)
    ra = sum(r[2] for r in rs) / len(rs)
    ratio = ra / floor if floor else float("nan")
    print("| %-10s | %8.1f | %8.1f | %.2f (>= 0.65 %s) | %s | %d |" % (n, floor, ra, ratio,
          "ok" if ratio >= 0.65 else "MISSED", "/".join(r[3] for r in rs), sum(r[4] for r in rs)))
PY
say "done in $((SECONDS - t_start)) s; raw results $work/results.tsv, plans $work/explain.txt, logs in $work"
