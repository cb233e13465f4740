# A throwaway PostgreSQL 15 cluster for the benchmarks that load data (bench/load.sh, bench/import.sh),
# with the settings of the peers benchmark, stopped and deleted when the script ends, and the timing
# helpers they share. Source it after setting BENCH_NAME and say(); it sets port, PG* and defines sql,
# jdbc, fresh_db, now, rows_in, pg_cpu, measure (wall, cpu, db, rss) and better.
# shellcheck shell=bash
for cmd in ogr2ogr psql java bc; do
  command -v "$cmd" >/dev/null || { echo "$BENCH_NAME: $cmd is needed (gdal-bin, postgresql-client, a JDK, bc)" >&2; exit 2; }
done

# ---- 1. a throwaway cluster -------------------------------------------------------------------------
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "$BENCH_NAME: PostgreSQL 15 is needed ($PGBIN)" >&2; exit 2; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgdir="$(mktemp -d /tmp/ruralatlas-$BENCH_NAME-pg.XXXXXX)"
[ "$(id -u)" -eq 0 ] && chown postgres "$pgdir"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
as_pg "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 \
  -c shared_buffers=2GB -c work_mem=32MB -c maintenance_work_mem=1GB -c synchronous_commit=off -c max_wal_size=4GB \
  -c jit=off -c max_parallel_workers_per_gather=0" start >/dev/null
say "throwaway PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
unset PGPASSWORD PGDATABASE
sql() { timeout 600 psql -XAtq -v ON_ERROR_STOP=1 "$@"; }
jdbc() { echo "jdbc:postgresql://127.0.0.1:$port/$1?user=postgres"; }
fresh_db() {  # name: an empty database with PostGIS
  sql -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  sql -d "$1" -c "CREATE EXTENSION postgis"
}

now() { date +%s.%N; }
rows_in() { sql -d "$1" -c "SELECT count(*) FROM $2"; }
pg_cpu() {  # CPU seconds the cluster has used so far: the postmaster, its live backends and those it reaped
  local pm tck total c
  pm=$(head -1 "$pgdir/data/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  tck=$(getconf CLK_TCK)
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat")
  for c in $(cat /proc/"$pm"/task/*/children); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0)))
  done
  echo "scale=2; $total / $tck" | bc
}
measure() {  # log command…: runs it; sets wall (s), cpu (the command's user+sys s), db (the cluster's s), rss (MB)
  local log=$1; shift
  sleep 1
  local d0 t0 t1
  d0=$(pg_cpu); t0=$(now)
  /usr/bin/time -f '%U %S %M' -o "$log.time" "$@" > "$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  t1=$(now)
  sleep 1  # the backend exits and is reaped
  wall=$(echo "$t1 - $t0" | bc -l); db=$(echo "$(pg_cpu) - $d0" | bc -l)
  read -r u sy kb < "$log.time"; cpu=$(echo "$u + $sy" | bc -l); rss=$((kb / 1024))
}
better() { [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; }
