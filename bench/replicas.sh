#!/usr/bin/env bash
# Issue 18: items and cached tiles through nginx (the Debian package) with one and with two
# RuralAtlas servers on the same PostGIS database, and the load balancer's hop, as ratios measured
# in the same run: two/one through nginx, and one server through nginx / the same server direct.
# Everything on loopback; every load bounded (wrk -d, timeout). On a 2-core machine the two
# servers, nginx, PostgreSQL and wrk share the same cores, so "two" cannot be twice "one": the
# ratio says what a second replica gives when it has no cores of its own.
#
#   bench/replicas.sh                  # from the project root, after ./mvnw -q -o package -DskipTests
#   SECS=10 CONNS=16 WARM=20 bench/replicas.sh
#
# Its own throwaway PostgreSQL cluster (initdb as postgres, a free port, fsync off), the sample
# loaded with the jar's `load` command, two servers (-Xmx512m each), one nginx with two listeners
# (upstream of A; upstream of A and B, keepalive). Results: a table on stdout, logs in $WORK.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SECS:-8}" CONNS="${CONNS:-16}" HEAP="${HEAP:-512m}" WARM="${WARM:-10}"
JAR="${RA_JAR:-map-server/target/ruralatlas.jar}"
PGBIN=/usr/lib/postgresql/15/bin
[ -f "$JAR" ] || { echo "replicas.sh: no $JAR (./mvnw -q -o package -DskipTests)" >&2; exit 2; }
for cmd in wrk nginx curl; do command -v "$cmd" >/dev/null || { echo "replicas.sh: needs $cmd" >&2; exit 2; }; done
WORK=$(mktemp -d /tmp/ruralatlas-replicas-bench.XXXXXX)
chmod 755 "$WORK"
say() { printf '[replicas %3ds] %s\n' "$SECONDS" "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pids=()
cleanup() {
  local status=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  sleep 1
  rm -rf "$WORK/pg"
  say "logs in $WORK"
  exit "$status"
}
trap cleanup EXIT INT TERM

PG_PORT=$(free_port)
[ "$(id -u)" -eq 0 ] && chown postgres "$WORK"
as_pg "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -t 60 \
  -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off" start >/dev/null
DB="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres"
say "PostgreSQL on $PG_PORT; loading the sample"
timeout 600 java -jar "$JAR" load --db-url="$DB" > "$WORK/load.log" 2>&1 || { tail -20 "$WORK/load.log" >&2; exit 1; }

start() {  # name port
  java -Xmx"$HEAP" -jar "$JAR" --server.address=127.0.0.1 --server.port="$2" --ruralatlas.db.url="$DB" \
    --ruralatlas.tiles.cache-dir="$WORK/tiles-$1" --ruralatlas.downloads.cache-dir="$WORK/downloads-$1" > "$WORK/server-$1.log" 2>&1 &
  pids+=($!)
}
A_PORT=$(free_port); B_PORT=$(free_port)
start a "$A_PORT"; start b "$B_PORT"
for port in "$A_PORT" "$B_PORT"; do
  for _ in $(seq 1 180); do curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && break; sleep 1; done
  curl -fs --max-time 2 -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" || { echo "replicas.sh: server on $port not ready" >&2; exit 1; }
done
say "servers A on $A_PORT, B on $B_PORT"

ONE=$(free_port); TWO=$(free_port)
mkdir -p "$WORK/nginx"
user=""; [ "$(id -u)" -eq 0 ] && user="user root;"
cat > "$WORK/nginx.conf" <<CONF
$user
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy; fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  upstream one { server 127.0.0.1:$A_PORT; keepalive 32; }
  upstream two { server 127.0.0.1:$A_PORT; server 127.0.0.1:$B_PORT; keepalive 32; }
  server { listen 127.0.0.1:$ONE; location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host:\$server_port; } }
  server { listen 127.0.0.1:$TWO; location / { proxy_pass http://two; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host:\$server_port; } }
}
CONF
nginx -e "$WORK/nginx-error.log" -p "$WORK" -c "$WORK/nginx.conf"
sleep 1

# the paths: pages of farms in boxes around the sample; z14 farm tiles around them (cached by one pass)
python3 - "$WORK" <<'PY'
import math, random, sys
random.seed(18)
def tile(z, lon, lat):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y
with open(sys.argv[1] + "/items.txt", "w") as f:
    for _ in range(200):
        lon, lat = 104 + 3 * random.random(), 20 + 2 * random.random()
        f.write(f"/collections/farms/items?limit=10&bbox={lon:.3f},{lat:.3f},{lon + 0.3:.3f},{lat + 0.3:.3f}\n")
with open(sys.argv[1] + "/tiles.txt", "w") as f:
    for _ in range(400):
        x, y = tile(12, 104 + 3 * random.random(), 20 + 2 * random.random())
        f.write(f"/collections/farms/tiles/WebMercatorQuad/12/{y}/{x}\n")
PY
cat > "$WORK/paths.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i], {["Accept"] = "application/json"}) end
LUA
for port in "$A_PORT" "$B_PORT"; do
  while read -r p; do curl -fs --max-time 10 -o /dev/null "http://127.0.0.1:$port$p" || true; done < "$WORK/tiles.txt"
done

run() {  # kind url → requests/s and p50 latency (ms)
  local out
  out=$(PATHS="$WORK/$1.txt" timeout $((SECS + 30)) wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$WORK/paths.lua" "$2" 2>&1)
  echo "$out" > "$WORK/wrk-$1-${2##*:}.txt"
  local rps p50
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {v=$2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}')
  if echo "$out" | grep -q "Non-2xx"; then echo "replicas.sh: non-2xx answers: $(echo "$out" | grep Non-2xx)" >&2; fi
  echo "$rps $p50"
}
say "warm-up: $WARM s of each kind through nginx over both servers, not measured (JIT, pools, tile caches)"
for kind in items tiles; do
  PATHS="$WORK/$kind.txt" timeout $((WARM + 30)) wrk -t2 -c"$CONNS" -d"${WARM}s" -s "$WORK/paths.lua" "http://127.0.0.1:$TWO" > /dev/null 2>&1 || true
done
printf '%-8s %12s %12s %12s %12s %12s %12s %10s %10s\n' kind "direct r/s" "nginx1 r/s" "nginx2 r/s" "direct p50" "nginx1 p50" "nginx2 p50" "two/one" "hop"
for kind in items tiles; do
  say "$kind: direct to A, nginx over A, nginx over A and B ($SECS s each, $CONNS connections)"
  read -r d dl < <(run "$kind" "http://127.0.0.1:$A_PORT")
  read -r o ol < <(run "$kind" "http://127.0.0.1:$ONE")
  read -r t tl < <(run "$kind" "http://127.0.0.1:$TWO")
  printf '%-8s %12s %12s %12s %12s %12s %12s %10s %10s\n' "$kind" "$d" "$o" "$t" "$dl" "$ol" "$tl" \
    "$(python3 -c "print(f'{$t / $o:.2f}')")" "$(python3 -c "print(f'{$o / $d:.2f}')")"
done
echo "two/one: requests/s through nginx over two servers / over one; hop: through nginx over one / direct to it (p50 in ms)"
