#!/usr/bin/env bash
# Start (or reuse) a private PostgreSQL cluster for the test suite and print
# its connection URL. It listens on 127.0.0.1 only, trusts local connections
# and skips fsync: it holds nothing but throwaway test databases.
# Settings: PGTEST_DIR (default /tmp/dossier-pgtest), PGTEST_PORT (55432).
set -euo pipefail
dir="${PGTEST_DIR:-/tmp/dossier-pgtest}"
port="${PGTEST_PORT:-55432}"

bindir=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/pg_ctl" ]; then
  bindir="$(pg_config --bindir)"
fi
if [ -z "$bindir" ]; then
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-test-server: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  # initdb and postgres refuse to run as root; use the postgres account then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  chmod 700 "$dir"
  as_owner "$bindir/initdb" -D "$dir" -A trust -U dossier --no-sync -E UTF8 >/dev/null
fi
if ! as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" \
    start >/dev/null
fi
"$bindir/psql" -h 127.0.0.1 -p "$port" -U dossier -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'dossier_test'" | grep -q 1 \
  || "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dossier dossier_test
echo "postgresql://dossier@127.0.0.1:$port/dossier_test"
