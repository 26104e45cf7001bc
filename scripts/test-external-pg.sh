#!/usr/bin/env bash
# Runs the integration tests against a throwaway external PostgreSQL 15 server with a
# separate owner and runtime role, as in production. Needs Debian's postgresql-15.
# Usage: bash scripts/test-external-pg.sh [vitest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PG15=/usr/lib/postgresql/15/bin
PGTMP="$(mktemp -d /tmp/exitdesk-pg15-XXXXXX)"
chmod 755 "$PGTMP"
chown postgres:postgres "$PGTMP" 2>/dev/null || true
PGPORT=55432
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$PG15/pg_ctl" -D "$PGTMP/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGTMP"; }
trap cleanup EXIT
as_pg "$PG15/initdb" -D "$PGTMP/data" -U pgadmin --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$PG15/pg_ctl" -D "$PGTMP/data" -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1 -c fsync=off" -l "$PGTMP/log" -w start >/dev/null
psql_admin() { psql -h 127.0.0.1 -p "$PGPORT" -U pgadmin -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_admin -c "create role exitdesk_owner login createdb password 'owner-pw'"
psql_admin -c "create role exitdesk_app login password 'app-pw'"
psql_admin -c "create database exitdesk owner exitdesk_owner"
echo "PostgreSQL 15 pass: $(psql_admin -Atc 'show server_version')"
TEST_DATABASE_OWNER_URL="postgresql://exitdesk_owner:owner-pw@127.0.0.1:$PGPORT/exitdesk" \
TEST_DATABASE_URL="postgresql://exitdesk_app:app-pw@127.0.0.1:$PGPORT/exitdesk" \
  npx vitest run "$@"

