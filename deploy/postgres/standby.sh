#!/bin/bash
# Standby: on first start, a base backup of the primary (pg_basebackup -R writes standby.signal and
# primary_conninfo), then PostgreSQL as a hot standby that streams the primary's WAL. Runs as root
# only to hand the data folder to postgres, as the official image's own entry point does.
set -euo pipefail
: "${PRIMARY_HOST:=primary}"
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" && chown -R postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  exec gosu postgres "$0" "$@"
fi
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -q -h "$PRIMARY_HOST" -p 5432; do sleep 1; done
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator -D "$PGDATA" -R -X stream --checkpoint=fast
fi
exec postgres -c hot_standby=on
