#!/usr/bin/env bash
# Runs a benchmark (--mode webhooks, the default, or --mode pledges) by hand against a throwaway PostgreSQL (see docs/benchmarks.md). Arguments pass through:
#   tests/EmanciPay.Benchmarks/run.sh --payments 10000 --warmup 2000 --concurrency 16 --pgbench-seconds 30
#   tests/EmanciPay.Benchmarks/run.sh --mode pledges --pledges 3000 --warmup 1000 --concurrency 200 --pgbench-seconds 15
#   tests/EmanciPay.Benchmarks/run.sh --mode reconcile --items 1000000 --pgbench-seconds 15
set -euo pipefail
cd "$(dirname "$0")/../.."
# Every mode runs with the GC the web app runs with (Directory.Build.props); DOTNET_gcServer=1 compares the server GC.
dotnet build tests/EmanciPay.Benchmarks -c Release -v q -nologo
tests/with-postgres.sh dotnet tests/EmanciPay.Benchmarks/bin/Release/net10.0/EmanciPay.Benchmarks.dll "$@"
