#!/usr/bin/env bash
# Edit round trip (issue 14): 8 concurrent editors each PATCH (JSON Merge Patch, If-Match) their own farm to a
# new place and name, then read the z14 tile over it until it shows the new name; p50/p99 of the PATCH alone and
# of the round trip (PATCH sent to fresh tile read), and their ratio. RuralAtlas on a throwaway PostgreSQL 15
# cluster with the sample loaded, on 127.0.0.1.
#
#   bench/edits.sh                      # 8 editors x 25 rounds
#   EDITORS=16 ROUNDS=10 bench/edits.sh
#
# Environment: EDITORS (8), ROUNDS (25), WARMUP (3 untimed rounds first), HEAP (256m), RA_JAR. Logs in /tmp/ruralatlas-edits-<stamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
EDITORS="${EDITORS:-8}"
ROUNDS="${ROUNDS:-25}"
HEAP="${HEAP:-256m}"
logs="/tmp/ruralatlas-edits-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$logs"
t_start=$SECONDS
say() { printf '[edits %4ds] %s\n' $((SECONDS - t_start)) "$*" >&2; }
BENCH_NAME=edits
# shellcheck source=bench/lib/throwaway-pg.sh
. bench/lib/throwaway-pg.sh
jar="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$jar" ] || { echo "edits.sh: no $jar; build it first (./mvnw -q -o package -DskipTests)" >&2; exit 2; }

fresh_db edits
timeout 600 java -jar "$jar" load --db-url="$(jdbc edits)" > "$logs/load.log" 2>&1 || { tail -20 "$logs/load.log" >&2; exit 1; }
say "sample loaded"
ra_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
admin="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
java -Xmx"$HEAP" -jar "$jar" --server.address=127.0.0.1 --server.port="$ra_port" --ruralatlas.db.url="$(jdbc edits)" \
  --ruralatlas.admin.token="$admin" --ruralatlas.tiles.cache-dir="$logs/tiles" > "$logs/server.log" 2>&1 &
ra_pid=$!
trap 'kill $ra_pid 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$ra_port/actuator/health/readiness" > /dev/null 2>&1 && break
  kill -0 $ra_pid 2>/dev/null || { tail -30 "$logs/server.log" >&2; exit 1; }
  sleep 0.5
done
say "RuralAtlas on 127.0.0.1:$ra_port (-Xmx$HEAP); $EDITORS editors x $ROUNDS rounds"
timeout 900 python3 bench/edits/roundtrip.py "http://127.0.0.1:$ra_port" "$admin" "$EDITORS" "$ROUNDS" "${WARMUP:-3}" | tee "$logs/results.tsv"
say "done; logs in $logs (load average $(cut -d' ' -f1-3 /proc/loadavg))"
