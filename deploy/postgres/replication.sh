#!/bin/bash
# Primary, first start only (docker-entrypoint-initdb.d): a role that standbys replicate with, allowed
# to connect for replication from anywhere with its password. wal_level=replica and max_wal_senders=10
# are PostgreSQL's defaults.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'pw';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
