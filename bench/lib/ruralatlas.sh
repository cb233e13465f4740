# Shared by the benchmarks: the peers harness and its data, the RuralAtlas jar and schema in
# database "peers", and starting/stopping RuralAtlas on loopback. Sourced after BENCH (the
# script's name, for messages) is set. Every step has a time limit; only 127.0.0.1 is used.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/bench/peers}"
[ -x "$PEERS_DIR/run.sh" ] || { echo "$BENCH: no peers harness at $PEERS_DIR (set PEERS_DIR)" >&2; exit 2; }
PEERS_DIR="$(cd "$PEERS_DIR" && pwd)"
. "$PEERS_DIR/env.sh"            # PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, PEERS_RUN, MS_PORT

export ROUNDS="${ROUNDS:-2}" HTTP_SECS="${HTTP_SECS:-15}" CONNS_DYN="${CONNS_DYN:-16}"
RA_HEAP="${RA_HEAP:-1g}"
JSTACKS="${JSTACKS:-3}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
work="$PEERS_RUN/ruralatlas/$stamp"
mkdir -p "$work"
t_start=$SECONDS
say() { printf '[%s %3ds] %s\n' "$BENCH" $((SECONDS - t_start)) "$*" >&2; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- 1. peers harness: tools, database, data -------------------------------------------------
need_install=0
for cmd in psql pg_isready wrk nginx spawn-fcgi mapserv curl; do
  command -v "$cmd" >/dev/null 2>&1 || { need_install=1; break; }
done
[ -x /usr/lib/cgi-bin/mapserv ] || need_install=1
if [ $need_install = 0 ] && ! timeout 10 psql -XAtq -c "SELECT postgis_lib_version()" >/dev/null 2>&1; then
  need_install=1
fi
if [ $need_install = 1 ]; then
  say "peers install.sh (apt packages, PostgreSQL settings, role/db peers)"
  timeout 1800 "$PEERS_DIR/install.sh"
fi
# RA_PEERS_DATA=0: a benchmark with data of its own (downloads.sh) skips the peers rows
if [ "${RA_PEERS_DATA:-1}" = 1 ]; then
  say "peers gen_data.sh"
  timeout 900 "$PEERS_DIR/gen_data.sh" | tail -2 >&2
fi

# ---- 2. RuralAtlas schema + data in database peers --------------------------------------------
src_jar="${RA_JAR:-$ROOT/map-server/target/ruralatlas.jar}"
if [ ! -f "$src_jar" ]; then
  say "no $src_jar: building (./mvnw -q -o install -DskipTests)"
  (cd "$ROOT" && timeout 1200 ./mvnw -q -o install -DskipTests)
fi
jar="$work/ruralatlas.jar"
cp "$src_jar" "$jar"
say "jar $(sha256sum "$jar" | cut -c1-12) ($(date -u -r "$src_jar" +%FT%TZ)), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
db_url="${RA_DB_URL:-jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE}"
if [ "${RA_PEERS_DATA:-1}" = 1 ]; then
say "migrating the ruralatlas schema in $PGDATABASE"
timeout 300 java -jar "$jar" load --db-url="$db_url" --db-user="$PGUSER" --db-password="$PGPASSWORD" \
  --migrate-only > "$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 1; }
tail -1 "$work/migrate.log" >&2
say "copying the peers rows into ruralatlas.* (bench/peers-to-ruralatlas.sql)"
timeout 900 psql -X -q -v ON_ERROR_STOP=1 -f "$HERE/peers-to-ruralatlas.sql" > "$work/load.log" 2>&1 \
  || { cat "$work/load.log" >&2; exit 1; }
grep -E '^ *(farms|zones|communes|tourism) *\|' "$work/load.log" | sed 's/^/    /' >&2
fi

# ---- 3. RuralAtlas server: start_ra NAME [extra server arguments…] ----------------------------
if [ -z "${RA_PORT:-}" ]; then
  RA_PORT=8080
  if port_busy 8080; then
    for p in $(seq 8090 8099); do port_busy "$p" || { RA_PORT=$p; break; }; done
    [ "$RA_PORT" = 8080 ] && { echo "$BENCH: ports 8080 and 8090-8099 are all in use; set RA_PORT" >&2; exit 2; }
    say "port 8080 is in use by another process: RuralAtlas goes on $RA_PORT"
  fi
elif port_busy "$RA_PORT"; then
  echo "$BENCH: port $RA_PORT is already in use" >&2; exit 2
fi
RA="http://127.0.0.1:$RA_PORT"
ra_pid=""
stop_ra() {
  if [ -n "$ra_pid" ] && kill -0 "$ra_pid" 2>/dev/null; then
    kill "$ra_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$ra_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$ra_pid" 2>/dev/null || true
  fi
  ra_pid=""
}
stop_all() {
  stop_ra
  [ -n "${sampler_pid:-}" ] && kill "$sampler_pid" 2>/dev/null || true
  [ "${KEEP_SERVICES:-0}" = 1 ] || "$PEERS_DIR/services.sh" stop >/dev/null 2>&1 || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM
# the metrics are the administrator's: the benchmarked server gets a throwaway token for them
RA_ADMIN_TOKEN=${RA_ADMIN_TOKEN:-bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
ra_metrics() {  # metric name: its JSON from the running server
  curl -fs --max-time 5 -H "Authorization: Bearer $RA_ADMIN_TOKEN" "$RA/actuator/metrics/$1"
}
start_ra() {  # name [server arguments…]: starts RuralAtlas on PostGIS "peers", waits for health
  local name=$1; shift
  say "starting RuralAtlas ($name) on $RA (-Xmx$RA_HEAP)"
  # shellcheck disable=SC2086
  java -Xmx"$RA_HEAP" -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} -jar "$jar" \
    --ruralatlas.db.url="$db_url" --ruralatlas.db.user="$PGUSER" --ruralatlas.db.password="$PGPASSWORD" \
    --server.address=127.0.0.1 --server.port="$RA_PORT" --ruralatlas.admin.token="$RA_ADMIN_TOKEN" "$@" > "$work/server.$name.log" 2>&1 &
  ra_pid=$!
  echo "$ra_pid" > "$work/server.$name.pid"
  local up=0
  for _ in $(seq 1 120); do
    kill -0 "$ra_pid" 2>/dev/null || break
    if curl -fs --max-time 2 -o /dev/null "$RA/actuator/health"; then up=1; break; fi
    sleep 1
  done
  if [ $up = 0 ]; then
    echo "$BENCH: RuralAtlas did not become healthy within 120 s; its log:" >&2
    tail -40 "$work/server.$name.log" >&2; exit 1
  fi
  say "RuralAtlas is up (pid $ra_pid)"
}
