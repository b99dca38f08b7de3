#!/usr/bin/env bash
# Runs every test of the solution against a real, throwaway PostgreSQL cluster (tests/with-postgres.sh) and
# Debian's Chromium. On a fresh Debian machine as root it installs what is missing (postgresql, chromium) with
# apt-get. Set EMANCIPAY_TEST_POSTGRES to a connection string to use an existing server instead.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tests/run.sh: chromium is missing and this is not root: apt-get install chromium" >&2
    exit 1
  fi
  echo "tests/run.sh: installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

output=$(mktemp)
trap 'rm -f "$output"' EXIT
status=0
tests/with-postgres.sh dotnet test EmanciPay.sln --nologo 2>&1 | tee "$output" || status=$?
passed=$(grep -oE 'Passed: +[0-9]+' "$output" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$output" | awk '{s+=$2} END {print s+0}')
echo "tests: $passed passed, $failed failed"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "tests/run.sh: dotnet test failed (exit $status) before all tests could run: see the output above" >&2
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "tests/run.sh: no test ran" >&2
  status=1
fi
exit "$status"
