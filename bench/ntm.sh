#!/usr/bin/env bash
# NTM endpoints throughput on the embedded GeoPackage, as ratios to a reference measured in the
# same run (/collections/communes/items?limit=10). Loopback only, bounded: one wrk run of
# HTTP_SECS (default 10) seconds per row, 4 connections. Usage: bench/ntm.sh (after ./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
HTTP_SECS=${HTTP_SECS:-10}
JAR=map-server/target/ruralatlas.jar
[ -f "$JAR" ] || { echo "ntm.sh: build first (./mvnw -q package -DskipTests)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "ntm.sh: needs wrk (apt-get install wrk)" >&2; exit 2; }
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
WORK=$(mktemp -d /tmp/ruralatlas-ntm-bench.XXXXXX)
cp "$JAR" "$WORK/ruralatlas.jar"
java -Xmx1g -XX:+ExitOnOutOfMemoryError -jar "$WORK/ruralatlas.jar" --server.port="$PORT" --server.address=127.0.0.1 >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done
B="http://127.0.0.1:$PORT"
ZONE=$(curl -fs "$B/collections/zones/items?status=active&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["features"][0]["properties"]["growing_area_code"])')
cold=$(curl -fs -o /dev/null -w '%{time_total}' "$B/stats/ntm?as_of=2026-01-01")
warm=$(curl -fs -o /dev/null -w '%{time_total}' "$B/stats/ntm?as_of=2026-01-01")
printf 'first /stats/ntm (computes and caches): %.0f ms; second (cached figures): %.0f ms\n' \
  "$(echo "$cold * 1000" | bc)" "$(echo "$warm * 1000" | bc)"
rate() { timeout $((HTTP_SECS + 20)) wrk -t2 -c4 -d"${HTTP_SECS}s" "$B$1" | awk '/Requests\/sec/ {print $2}'; }
REF=$(rate "/collections/communes/items?limit=10")
printf '%-55s %10s %8s\n' "request" "req/s" "ratio"
printf '%-55s %10.0f %8s\n' "reference /collections/communes/items?limit=10" "$REF" "1.00"
for path in "/stats/ntm" "/stats/ntm?f=csv" "/stats/ntm?source=reported&as_of=2023-06-01" \
    "/stats/ntm/communes?value=criterion&criterion=8.4" "/ntm/communes/07330" \
    "/collections/communes/items/07330@2025-07-01/history" "/trace/$ZONE" "/trace/$ZONE/qr"; do
  r=$(rate "$path")
  printf '%-55s %10.0f %8.2f\n' "$path" "$r" "$(echo "$r / $REF" | bc -l)"
done
