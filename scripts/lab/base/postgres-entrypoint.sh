#!/bin/sh
# Entry point of the lab's Postgres image (local/postgres:15-bookworm, Debian's postgresql-15): the
# same environment as the official postgres image's (POSTGRES_USER, POSTGRES_DB, POSTGRES_PASSWORD
# or POSTGRES_PASSWORD_FILE, PGDATA), so a stack file runs unchanged on either.
set -eu
BIN=/usr/lib/postgresql/15/bin
PGDATA=${PGDATA:-/var/lib/postgresql/data}
export PGDATA

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
password=${POSTGRES_PASSWORD:-}
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then password=$(cat "$POSTGRES_PASSWORD_FILE"); fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "$password" ]; then
    echo "Set POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE: this image does not run without a password." >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s' "$password" > "$pwfile"
  "$BIN/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" -E UTF8 --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    "$BIN/pg_ctl" -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    "$BIN/psql" -v ON_ERROR_STOP=1 -U "$user" -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
    "$BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  fi
  echo "Postgres: initialised $PGDATA (user $user, database $db)"
fi

exec "$BIN/postgres" -D "$PGDATA" -c listen_addresses='*' "$@"
