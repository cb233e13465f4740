#!/usr/bin/env bash
# OGC API Features throughput: RuralAtlas against MapServer 8, same PostGIS data, same requests.
#
#   bench/features.sh                 # from the project root; about 6-8 minutes on 2 cores
#   ROUNDS=1 HTTP_SECS=10 bench/features.sh     # shorter
#
# Steps (every one bounded in time, everything on 127.0.0.1):
#   1. the peers harness (../shared/bench/peers): install.sh when a tool or the database is
#      missing, then gen_data.sh (skips the build when the seed is already loaded)
#   2. the RuralAtlas schema in database "peers" (loader, --migrate-only), then
#      bench/peers-to-ruralatlas.sql copies the peers rows into it (same geometries)
#   3. RuralAtlas on 127.0.0.1:$RA_PORT (-Xmx1g), waiting for /actuator/health
#   4. the peers suite, MapServer + candidate rows only (ONLY=cand,ms ./run.sh): items with
#      limit=100 and limit=1000 over random 0.5 x 0.5 degree bboxes, limit=100 with a random
#      offset 0..900, 16 connections, HTTP_SECS (15 s) each, ROUNDS (2) rounds interleaved.
#      (run.sh's ms section also runs its two MapServer MVT rows; they are not in our table.)
#   5. diagnostics while both servers are up: transactions and table scans per request (PROBE_N
#      sequential requests each) and CPU milliseconds per request by process (CPU_SECS wrk runs)
#   6. stops RuralAtlas (and the peers nginx/mapserv), prints the comparison table
#
# Environment:
#   RA_PORT      RuralAtlas port (default 8080; when 8080 is taken by someone else the first free
#                port of 8090-8099 is used, and said so)
#   RA_JAR       the jar (default map-server/target/ruralatlas.jar; built with
#                ./mvnw -q -o install -DskipTests only when missing). It is copied first, so a
#                rebuild during the run does not change what is measured.
#   RA_HEAP      -Xmx (default 1g); JAVA_OPTS: more JVM options
#   JSTACKS      number of jstack samples taken while RuralAtlas is under load (default 3, 0: none)
#   WARMUP_SECS  unmeasured load per server before the suite, for the JIT (default 20, 0: none)
#   PROBE_N      sequential requests per server for the per-request SQL count (default 200)
#   CPU_SECS     length of the CPU-per-request runs after the suite (default 10, 0: skip)
#   ROUNDS, HTTP_SECS, CONNS_DYN: passed to run.sh (defaults 2, 15, 16)
#   PEERS_DIR    the peers harness (default ../shared/bench/peers from the project root)
#   KEEP_SERVICES=1  leave the peers nginx/mapserv running at the end
# Output: the table on stdout; the peers TSV/log in $PEERS_RUN/results/, RuralAtlas's log,
# jstacks and database counters in $PEERS_RUN/ruralatlas/<stamp>/.
set -euo pipefail
BENCH=features
. "$(cd "$(dirname "$0")" && pwd)/lib/ruralatlas.sh"
start_ra items
ln -sf server.items.log "$work/server.log"

# ---- parity check: one bbox, both servers -------------------------------------------------------
timeout 60 "$PEERS_DIR/services.sh" start >/dev/null
read -r lon lat < <(head -1 "$PEERS_RUN/lists/points1000.txt")
bbox="$(awk -v x="$lon" -v y="$lat" 'BEGIN { printf "%.6f,%.6f,%.6f,%.6f", x-0.25, y-0.25, x+0.25, y+0.25 }')"
summ() {  # url label
  local code
  code="$(curl -s --max-time 30 -o "$work/parity.$2.json" -w '%{http_code}' "$1")" || code="curl-failed"
  python3 - "$work/parity.$2.json" "$2" "$code" <<'PY' >&2
import json, sys
path, label, code = sys.argv[1:4]
try:
    d = json.load(open(path))
    f = d.get("features", [])
    t = {}
    for x in f:
        t[x["geometry"]["type"]] = t.get(x["geometry"]["type"], 0) + 1
    print("    %-10s HTTP %s numberMatched=%s numberReturned=%s features=%d %s bytes=%d"
          % (label, code, d.get("numberMatched"), d.get("numberReturned"), len(f), t, len(open(path, "rb").read())))
except Exception as e:
    print("    %-10s HTTP %s unreadable response (%s)" % (label, code, e))
PY
}
say "parity, limit=100 bbox=$bbox"
summ "http://127.0.0.1:$MS_PORT/mapserv/PEERS/ogcapi/collections/farms/items?f=json&limit=100&bbox=$bbox" mapserver
summ "$RA/collections/farms/items?limit=100&bbox=$bbox" ruralatlas

# ---- warm-up: the JIT compiles the hot paths in the first seconds; production servers run for days.
# Both servers get the same warm-up requests (MapServer's PostgreSQL caches warm up too); nothing
# from it is counted.
if [ "${WARMUP_SECS:-20}" -gt 0 ]; then
  say "warm-up: ${WARMUP_SECS:-20} s per server (limit=100 then limit=1000), not measured"
  for pat in 'limit=100&bbox={bbox}' 'limit=1000&bbox={bbox}'; do
    DURATION="$(( ${WARMUP_SECS:-20} / 2 ))s" "$PEERS_DIR/wrk_run.sh" "$RA" "/collections/farms/items?$pat" points seed=91 >/dev/null 2>&1 || true
    DURATION="$(( ${WARMUP_SECS:-20} / 2 ))s" "$PEERS_DIR/wrk_run.sh" "http://127.0.0.1:$MS_PORT" \
      "/mapserv/PEERS/ogcapi/collections/farms/items?f=json&$pat" points seed=91 >/dev/null 2>&1 || true
  done
fi

# ---- 4. the peers suite: MapServer + candidate items rows -----------------------------------------
pgstats() {  # label : database-wide and ruralatlas.farms counters, to count statements per request
  psql -XAtq -F ' ' -c "SELECT '$1', d.xact_commit + d.xact_rollback, d.tup_returned, d.tup_fetched,
      s.seq_scan, coalesce(s.idx_scan, 0), clock_timestamp()
    FROM pg_stat_database d, pg_stat_user_tables s
    WHERE d.datname = current_database() AND s.schemaname = 'ruralatlas' AND s.relname = 'farms'" >> "$work/pgstats.txt" || true
}
sampler() {  # jstack of RuralAtlas while it has several active queries, at most $JSTACKS, 20 s apart
  local n=0
  while [ "$n" -lt "$JSTACKS" ] && kill -0 "$ra_pid" 2>/dev/null; do
    a="$(psql -XAtq -c "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'ruralatlas' AND state <> 'idle'" 2>/dev/null || echo 0)"
    if [ "${a:-0}" -ge 2 ]; then
      n=$((n + 1))
      { date -u +%FT%TZ; timeout 30 jstack "$ra_pid"; } > "$work/jstack.$n.txt" 2>&1 || true
      psql -XAtq -c "SELECT state, wait_event_type, wait_event, left(query, 120) FROM pg_stat_activity
                     WHERE application_name = 'ruralatlas'" > "$work/pg_activity.$n.txt" 2>&1 || true
      sleep 20
    else
      sleep 1
    fi
  done
}
sampler_pid=""
if [ "$JSTACKS" -gt 0 ]; then sampler & sampler_pid=$!; fi
pgstats before
say "peers run.sh (ONLY=cand,ms ROUNDS=$ROUNDS HTTP_SECS=$HTTP_SECS CONNS_DYN=$CONNS_DYN)"
run_limit=$(( ROUNDS * 10 * (HTTP_SECS + 35) + 300 ))
set +e
CAND_URL="$RA" CAND_ITEMS='/collections/{layer}/items?limit={limit}&bbox={bbox}' ONLY=cand,ms \
  timeout -k 10 "$run_limit" "$PEERS_DIR/run.sh" > "$work/run.out" 2>&1
rc=$?
set -e
pgstats after
cat "$work/run.out" | sed -n '/^| measurement/,$p' >&2
tsv="$(sed -n 's/^raw: \([^ ]*\).*/\1/p' "$work/run.out" | tail -1)"
if [ $rc != 0 ] || [ ! -s "$tsv" ]; then
  echo "features: run.sh failed (rc=$rc); output in $work/run.out" >&2
  tail -20 "$work/run.out" >&2; exit 1
fi
# ---- per-request database work: N sequential requests to each server, counters before/after ----
probe() {  # label base pattern schema table n
  local label=$1 base=$2 pattern=$3 schema=$4 table=$5 n=$6 q t0 t1
  q="SELECT d.xact_commit + d.xact_rollback, s.seq_scan + coalesce(s.idx_scan, 0),
            coalesce((SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables
                      WHERE schemaname = 'ruralatlas' AND relname = 'layer_versions'), 0)
     FROM pg_stat_database d, pg_stat_user_tables s
     WHERE d.datname = current_database() AND s.schemaname = '$schema' AND s.relname = '$table'"
  sleep 11   # backends flush their statistics when idle, at most every 10 s
  read -r x0 s0 v0 < <(psql -XAtq -F ' ' -c "$q")
  head -"$n" "$PEERS_RUN/lists/points.txt" | while read -r lon lat; do
    b="$(awk -v x="$lon" -v y="$lat" 'BEGIN { printf "%.6f,%.6f,%.6f,%.6f", x-0.25, y-0.25, x+0.25, y+0.25 }')"
    curl -s --max-time 30 -o /dev/null -w '%{http_code} %{time_total}\n' "$base${pattern//\{bbox\}/$b}"
  done > "$work/probe.$label.txt"
  sleep 11
  read -r x1 s1 v1 < <(psql -XAtq -F ' ' -c "$q")
  awk -v l="$label" -v n="$n" -v x=$((x1 - x0)) -v s=$((s1 - s0)) -v v=$((v1 - v0)) '
    { c[$1]++; t += $2 } END {
      codes = ""; for (k in c) codes = codes k "x" c[k] " ";
      printf "    %-10s %d sequential limit=100 requests: %s mean %.1f ms; per request: %.2f transactions, %.2f scans of the farms table, %.2f of layer_versions (whole database, both servers idle otherwise)\n",
             l, n, codes, 1000 * t / NR, x / n, s / n, v / n }' "$work/probe.$label.txt" | tee -a "$work/probe.txt" >&2
}
say "probe: per-request database work and sequential latency"
probe mapserver "http://127.0.0.1:$MS_PORT" '/mapserv/PEERS/ogcapi/collections/farms/items?f=json&limit=100&bbox={bbox}' public farms "${PROBE_N:-200}"
probe ruralatlas "$RA" '/collections/farms/items?limit=100&bbox={bbox}' ruralatlas farms "${PROBE_N:-200}"
# ---- CPU per request, by process: a CPU_SECS wrk run per server (limit=100), /proc before/after ----
cpusnap() {  # file : utime+stime (ticks) of every process
  python3 -c '
import json, os, sys, time
out = {}
for p in os.listdir("/proc"):
    if p.isdigit():
        try:
            s = open("/proc/%s/stat" % p).read()
        except OSError:
            continue
        f = s[s.rindex(")") + 2:].split()
        out[p] = [s[s.index("(") + 1:s.rindex(")")], int(f[11]) + int(f[12])]
json.dump({"t": time.time(), "p": out}, open(sys.argv[1], "w"))' "$1"
}
cpu_row() {  # label base pattern
  local label=$1 res
  CONNS=8 DURATION=3s "$PEERS_DIR/wrk_run.sh" "$2" "$3" points seed=98 >/dev/null 2>&1 || true
  cpusnap "$work/cpu.$label.a"
  res="$(CONNS="$CONNS_DYN" DURATION="${CPU_SECS:-10}s" "$PEERS_DIR/wrk_run.sh" "$2" "$3" points seed=97 2>&1 | grep '^RESULT' || true)"
  cpusnap "$work/cpu.$label.b"
  python3 - "$work/cpu.$label.a" "$work/cpu.$label.b" "$ra_pid" "$label" "$res" <<'PY' | tee -a "$work/cpu.txt" >&2
import json, os, re, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ra, label, res = sys.argv[3:6]
m = re.search(r"requests=(\d+).*rps=([0-9.]+)", res)
n, rps = (int(m.group(1)), float(m.group(2))) if m else (0, 0.0)
hz = os.sysconf("SC_CLK_TCK")
g = {}
for pid, (comm, t) in b["p"].items():
    key = ("ruralatlas" if pid == ra else comm if comm in ("postgres", "mapserv", "nginx")
           else "other java" if comm == "java" else "other")
    g[key] = g.get(key, 0) + (t - a["p"].get(pid, [comm, 0])[1]) / hz
wall = b["t"] - a["t"]
parts = ", ".join("%s %.2f" % (k, 1000 * v / n) for k, v in sorted(g.items(), key=lambda x: -x[1]) if n and v >= 0.05)
print("    %-10s %6.1f req/s; CPU ms per request: %s (wrk itself not counted; 'other' = everything else on the "
      "machine, %.1f of %d core-seconds)" % (label, rps, parts or "-", g.get("other", 0) + g.get("other java", 0),
                                            os.cpu_count() * round(wall)))
PY
}
if [ "${CPU_SECS:-10}" -gt 0 ]; then
  say "CPU per request by process (limit=100, $CONNS_DYN connections, ${CPU_SECS:-10} s each)"
  cpu_row mapserver "http://127.0.0.1:$MS_PORT" '/mapserv/PEERS/ogcapi/collections/farms/items?f=json&limit=100&bbox={bbox}'
  cpu_row ruralatlas "$RA" '/collections/farms/items?limit=100&bbox={bbox}'
fi
# a few server-side numbers while the server is still up
ra_metrics http.server.requests > "$work/metrics.http.json" 2>/dev/null || true
grep -cE ' (ERROR|WARN) ' "$work/server.log" > "$work/server.errors.count" 2>/dev/null || true

# ---- 6. stop, then the table ---------------------------------------------------------------------
stop_all
trap - EXIT
python3 - "$tsv" "$work" <<'PY'
import sys
tsv, work = sys.argv[1:3]
rows = {}
for i, line in enumerate(open(tsv)):
    if i == 0:
        continue
    name, rnd, rps, p50, p99, kb, err = (line.rstrip("\n").split("\t") + [""] * 7)[:7]
    rows.setdefault(name, []).append((float(rps or 0), p50, p99, kb, err))

def mean(v):
    return sum(v) / len(v) if v else 0.0

out = []
out.append("| %-22s | %13s | %14s | %9s | %13s | %13s | %10s | %10s |" % (
    "farms items", "MapServer r/s", "RuralAtlas r/s", "RA / MS", "MS p99 ms", "RA p99 ms", "KB/req MS", "KB/req RA"))
out.append("|" + "|".join("-" * (w + 2) for w in (22, 13, 14, 9, 13, 13, 10, 10)) + "|")
verdict = []
for label, suffix in (("limit=100", "limit=100"), ("limit=1000", "limit=1000"), ("limit=100 + offset", "limit=100 offset")):
    ms = rows.get("mapserver items farms " + suffix, [])
    ra = rows.get("candidate items farms " + suffix, [])
    if not ms and not ra:
        continue
    m, r = mean([x[0] for x in ms]), mean([x[0] for x in ra])
    ratio = r / m if m else float("nan")
    p99 = lambda rs: "/".join(x[2] or "-" for x in rs) or "-"
    errs = lambda rs: sum(int(x[4]) if x[4].isdigit() else 0 for x in rs)
    failed = lambda rs: any(not x[4].isdigit() for x in rs)
    out.append("| %-22s | %13.1f | %14.1f | %8.2fx | %13s | %13s | %10s | %10s |" % (
        label, m, r, ratio, p99(ms), p99(ra), ms[-1][3] if ms else "-", ra[-1][3] if ra else "-"))
    if errs(ms) or errs(ra) or failed(ms) or failed(ra):
        out.append("|   errors (non-2xx + socket, all rounds): MapServer %s%s, RuralAtlas %s%s" % (
            errs(ms), " FAILED" if failed(ms) else "", errs(ra), " FAILED" if failed(ra) else ""))
    if suffix in ("limit=100", "limit=1000"):
        worst_p99 = max((float(x[2]) for x in ra if x[2]), default=float("inf"))
        verdict.append("%s: %.2fx MapServer (target >= 2x) %s; RuralAtlas p99 %s ms (target < 100) %s" % (
            label, ratio, "ok" if ratio >= 2 else "MISSED", "%.1f" % worst_p99,
            "ok" if worst_p99 < 100 else "MISSED"))
print()
print("\n".join(out))
print()
print("req/s: mean of the rounds; p99: per round; 16 connections, random 0.5 x 0.5 degree bbox per request.")
for v in verdict:
    print("target  " + v)
PY
echo; echo "diagnostics (limit=100):"; cat "$work/probe.txt" "$work/cpu.txt" 2>/dev/null || true
say "done in $((SECONDS - t_start)) s; peers TSV $tsv; RuralAtlas log, jstacks, counters in $work"
