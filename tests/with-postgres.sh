#!/usr/bin/env bash
# Runs a command with EMANCIPAY_TEST_POSTGRES set to a throwaway PostgreSQL cluster on a free port in a temporary
# folder (as the postgres user when root: PostgreSQL refuses to run as root), and removes the cluster afterwards,
# even on failure. Exits with the command's status. If EMANCIPAY_TEST_POSTGRES is already set, that server is used.
# As root on a fresh Debian machine it installs the postgresql package when missing.
set -euo pipefail

as_root() { [ "$(id -u)" -eq 0 ]; }
run_pg() { if as_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -n "${EMANCIPAY_TEST_POSTGRES:-}" ]; then
  exec "$@"
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if ! as_root; then
    echo "with-postgres.sh: PostgreSQL is missing and this is not root: apt-get install postgresql" >&2
    exit 1
  fi
  echo "with-postgres.sh: installing postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

port=
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 40000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "with-postgres.sh: no free port for PostgreSQL" >&2; exit 1; }

cluster=$(mktemp -d /tmp/emancipay-pg.XXXXXX)
cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT
if as_root; then chown postgres: "$cluster"; fi
run_pg "$pg_bin/initdb" -D "$cluster/data" -A trust -U postgres >"$cluster/initdb.log" 2>&1 \
  || { cat "$cluster/initdb.log" >&2; exit 1; }
# A throwaway cluster needs no durability: trade it for speed.
run_pg "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -o \
  "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }
export EMANCIPAY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
export EMANCIPAY_PG_BIN="$pg_bin"
echo "with-postgres.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port"

status=0
"$@" || status=$?
exit "$status"
