#!/usr/bin/env bash
# Runs every RuralAtlas test against real parts: installs what is missing (PostgreSQL 15 +
# PostGIS 3, GDAL, Chromium and its driver for the viewer tests, nginx for the cluster test), starts a throwaway PostgreSQL cluster on a free loopback port as the
# `postgres` user, runs `./mvnw verify` against it, and stops and deletes the cluster at the end.
# The tests (and the programs they start: servers, GDAL, Chromium) get a temporary folder of this run
# as their java.io.tmpdir and TMPDIR, deleted at the end, so a run leaves nothing in /tmp.
# Extra arguments go to Maven (e.g. scripts/test.sh -pl gis-data).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(postgresql-15 postgresql-15-postgis-3 gdal-bin python3-gdal chromium chromium-driver nginx)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PGBIN=/usr/lib/postgresql/15/bin
PGUSER_OS=postgres
# PostgreSQL refuses to run as root: run the cluster as the postgres user (or as ourselves when not root)
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi
}

PGDATA_DIR=$(mktemp -d /tmp/ruralatlas-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown "$PGUSER_OS" "$PGDATA_DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || shuf -i 20000-60000 -n 1)

TEST_TMP=$(mktemp -d /tmp/ruralatlas-test.XXXXXX)
chmod 755 "$TEST_TMP"   # the tests' own PostgreSQL clusters run as the postgres user inside it

# keeps the tests' exit status: nothing in the clean-up (an empty folder for du, say) may change it
cleanup() {
  local status=$?
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDATA_DIR" || true
  echo "test.sh: the tests left $(du -sh "$TEST_TMP" 2>/dev/null | cut -f1) in their temporary folder; deleting it" >&2 || true
  { du -sh "$TEST_TMP"/* 2>/dev/null | sort -h | tail -5 | sed 's/^/test.sh:   /' >&2; } || true
  rm -rf "$TEST_TMP" || true
  exit "$status"
}
trap cleanup EXIT INT TERM

as_pg "$PGBIN/initdb" -D "$PGDATA_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
echo "test.sh: throwaway PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') with PostGIS on 127.0.0.1:$PORT"

export RURALATLAS_TEST_DB_URL="jdbc:postgresql://127.0.0.1:$PORT/postgres?user=postgres"
export TMPDIR="$TEST_TMP"
./mvnw -B --no-transfer-progress verify -Druralatlas.test.tmpdir="$TEST_TMP" "$@"
