#!/usr/bin/env bash
# Starts, stops and resets a throwaway PostgreSQL cluster on 127.0.0.1 for tests and demos.
# Debian's PostgreSQL server refuses to run as root, so the cluster runs as the postgres user.
#
#   deploy/postgres/postgres.sh start   initialise the cluster if needed, start it, create the database
#   deploy/postgres/postgres.sh stop    stop the cluster
#   deploy/postgres/postgres.sh reset   drop and recreate the database
#   deploy/postgres/postgres.sh env     print the export line for INTEGRATIONPORTAL_TEST_POSTGRES
#
# Settings (environment): POSTGRES_PORT (default 5433), POSTGRES_STATE_DIR (default
# /var/tmp/integrationportal-postgres), POSTGRES_DB (default portal), POSTGRES_PASSWORD
# (default portal-test; a test-only cluster that listens on loopback alone).
set -euo pipefail

port=${POSTGRES_PORT:-5433}
state=${POSTGRES_STATE_DIR:-/var/tmp/integrationportal-postgres}
database=${POSTGRES_DB:-portal}
password=${POSTGRES_PASSWORD:-portal-test}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_postgres() {
  runuser -u postgres -- "$@"
}

psql_admin() {
  as_postgres "$bin/psql" -h "$state" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"
}

install_if_missing() {
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "PostgreSQL is not installed; installing it from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
}

is_running() {
  [ -f "$state/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1
}

start() {
  install_if_missing
  mkdir -p "$state"
  chown postgres:postgres "$state"
  chmod 700 "$state"
  if [ ! -f "$state/data/PG_VERSION" ]; then
    local pwfile="$state/pwfile"
    printf '%s\n' "$password" >"$pwfile"
    chown postgres:postgres "$pwfile"
    as_postgres "$bin/initdb" -D "$state/data" -U postgres --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$state/initdb.log"
    rm -f "$pwfile"
  fi

  if ! is_running; then
    as_postgres "$bin/pg_ctl" -D "$state/data" -l "$state/server.log" -w start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $state -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
  fi

  if [ "$(psql_admin -d postgres -c "select 1 from pg_database where datname = '$database'")" != "1" ]; then
    psql_admin -d postgres -c "create database \"$database\""
  fi
  echo "PostgreSQL is running on 127.0.0.1:$port (database $database)"
}

stop() {
  if is_running; then
    as_postgres "$bin/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null
    echo "PostgreSQL stopped"
  fi
}

reset() {
  start >/dev/null
  psql_admin -d postgres -c "drop database if exists \"$database\" with (force)"
  psql_admin -d postgres -c "create database \"$database\""
  echo "Database $database recreated"
}

print_env() {
  echo "export INTEGRATIONPORTAL_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=$database'"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  reset) reset ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|reset|env" >&2; exit 2 ;;
esac
