#!/usr/bin/env bash
# Runs the webhook benchmark by hand against a throwaway PostgreSQL (see docs/benchmarks.md). Arguments pass through:
#   tests/EmanciPay.Benchmarks/run.sh --payments 10000 --warmup 2000 --concurrency 16 --pgbench-seconds 30
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/EmanciPay.Benchmarks -c Release -v q -nologo
tests/with-postgres.sh dotnet tests/EmanciPay.Benchmarks/bin/Release/net10.0/EmanciPay.Benchmarks.dll "$@"
