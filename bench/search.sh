#!/usr/bin/env bash
# Search latency and throughput on the whole sample (6,271 named features: every commune, province,
# tourism site, zone and farm), on the embedded GeoPackage, 127.0.0.1 only. Reference measured in
# the same run: /conformance, a fixed JSON answer that costs only the HTTP stack, so the ratio is
# what the search itself adds.
#   bench/search.sh                 # about a minute
#   SECS=5 bench/search.sh          # shorter
# Prints, per row: requests/s with 1 connection (= 1000 / mean latency in ms) and with 8, p50/p99
# latency, and the ratio to the reference.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SECS:-10}"
BENCH=search
say() { printf '[%s] %s\n' "$BENCH" "$*" >&2; }
command -v wrk >/dev/null || { echo "$BENCH: wrk is needed (apt-get install wrk)" >&2; exit 2; }
jar="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$jar" ] || { say "building $jar"; timeout 1200 ./mvnw -q package -DskipTests; }
work=$(mktemp -d /tmp/ruralatlas-bench-search.XXXXXX)
cp "$jar" "$work/ruralatlas.jar"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$work/ruralatlas.jar" --server.port="$port" --server.address=127.0.0.1 > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fsS -m 2 "$base/search?q=phuc+hoa" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS -m 5 "$base/search?q=phuc+hoa&limit=1" | head -c 300 >&2; echo >&2
grep -o 'search index: .*' "$work/server.log" | head -1 | sed 's/^/    /' >&2

# the queries a search box sends: whole names, unfinished words, typos, NFD input, upper case
cat > "$work/queries.lua" <<'LUA'
local queries = {"phuc hoa", "Ph%C3%BAc%20H%C3%B2a", "PHUC%20HOA", "Phu%CC%81c%20Ho%CC%80a", "bac ninh", "luc ngan",
  "vai thieu", "homestay", "lang nghe", "tan yen", "thuy nguyen", "nguyne", "hoa b", "ph", "dong thap", "che thai",
  "quang minh", "dak o", "ca phe", "sau rieng", "bat trang", "ha giang", "hoi an", "moc chau", "sapa", "thanh hoa"}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]:gsub(" ", "%%20")
  return wrk.format("GET", "/search?limit=10&q=" .. q)
end
LUA
row() {  # name path-or-script conns
  local name=$1 target=$2 conns=$3 out
  if [[ $target == *.lua ]]; then
    out=$(wrk -t1 -c"$conns" -d"${SECS}s" --latency -s "$target" "$base" 2>&1)
  else
    out=$(wrk -t1 -c"$conns" -d"${SECS}s" --latency "$base$target" 2>&1)
  fi
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  grep -q "Non-2xx" <<<"$out" && { echo "$BENCH: $name got errors:" >&2; echo "$out" >&2; exit 1; }
  printf '%s %s %s %s %s\n' "$name" "$conns" "$rps" "$p50" "$p99"
}
say "warm-up (${SECS}s)"
wrk -t1 -c4 -d"${SECS}s" -s "$work/queries.lua" "$base" >/dev/null
results=()
for conns in 1 8; do
  results+=("$(row reference /conformance "$conns")")
  results+=("$(row search "$work/queries.lua" "$conns")")
done
printf '\n%-10s %5s %12s %10s %10s %10s\n' row conns req/s p50 p99 "vs ref"
for conns in 1 8; do
  ref=$(printf '%s\n' "${results[@]}" | awk -v c="$conns" '$1=="reference" && $2==c {print $3}')
  printf '%s\n' "${results[@]}" | awk -v c="$conns" -v ref="$ref" '$2==c {printf "%-10s %5s %12s %10s %10s %9.2fx\n", $1, $2, $3, $4, $5, $3/ref}'
done
echo
echo "(1 connection: mean latency = 1000 / req/s ms; the target is a search under 50 ms on the whole dataset)"
