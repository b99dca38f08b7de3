#!/usr/bin/env bash
# Runs every test of the solution against a real, throwaway PostgreSQL cluster and Debian's Chromium.
# On a fresh Debian machine as root it installs what is missing (postgresql, chromium) with apt-get.
# Set EMANCIPAY_TEST_POSTGRES to a connection string to use an existing server instead of a throwaway one.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { [ "$(id -u)" -eq 0 ]; }
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user the package created.
run_pg() { if as_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
apt_updated=
need_package() { # need_package PACKAGE CHECK-COMMAND...
  local package=$1; shift
  if "$@" >/dev/null 2>&1; then return 0; fi
  if ! as_root; then
    echo "tests/run.sh: $package is missing and this is not root: install it (apt-get install $package)." >&2
    exit 1
  fi
  if [ -z "$apt_updated" ]; then apt-get update -qq; apt_updated=1; fi
  echo "tests/run.sh: installing $package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
}

need_package chromium test -x /usr/bin/chromium

cluster=
cleanup() {
  if [ -n "$cluster" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
  fi
}
trap cleanup EXIT

if [ -z "${EMANCIPAY_TEST_POSTGRES:-}" ]; then
  need_package postgresql sh -c 'ls /usr/lib/postgresql/*/bin/initdb'
  pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")

  port=
  for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "tests/run.sh: no free port for PostgreSQL" >&2; exit 1; }

  cluster=$(mktemp -d /tmp/emancipay-pg.XXXXXX)
  as_root && chown postgres: "$cluster"
  run_pg "$pg_bin/initdb" -D "$cluster/data" -A trust -U postgres >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; exit 1; }
  # A throwaway cluster needs no durability: trade it for speed.
  run_pg "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -o \
    "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }
  export EMANCIPAY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "tests/run.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on port $port"
fi

status=0
dotnet test EmanciPay.sln --nologo 2>&1 | tee /tmp/emancipay-test-output.$$ || status=$?
passed=$(grep -oE 'Passed: +[0-9]+' /tmp/emancipay-test-output.$$ | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' /tmp/emancipay-test-output.$$ | awk '{s+=$2} END {print s+0}')
rm -f /tmp/emancipay-test-output.$$
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "tests/run.sh: dotnet test failed (exit $status) before all tests could run: see the build output above" >&2
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "tests/run.sh: no test ran" >&2
  status=1
fi
exit "$status"
