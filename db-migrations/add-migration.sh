#!/usr/bin/env bash
# Adds a migration of the same name to every provider's project, then regenerates the SQL scripts
# (idempotent for PostgreSQL and SQL Server).
# Usage: db-migrations/add-migration.sh MigrationName   (or with no name: only regenerate the scripts)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
providers=(Sqlite PostgreSql SqlServer)
for provider in "${providers[@]}"; do
  dotnet build "db-migrations/EmanciPay.Migrations.$provider" -v q -nologo
done
if [ $# -ge 1 ]; then
  for provider in "${providers[@]}"; do
    project="db-migrations/EmanciPay.Migrations.$provider"
    dotnet ef migrations add "$1" --no-build --project "$project" --startup-project "$project" --output-dir Migrations
  done
  for provider in "${providers[@]}"; do
    dotnet build "db-migrations/EmanciPay.Migrations.$provider" -v q -nologo
  done
fi
for provider in "${providers[@]}"; do
  project="db-migrations/EmanciPay.Migrations.$provider"
  script="db-migrations/sql/$(echo "$provider" | tr '[:upper:]' '[:lower:]').sql"
  mkdir -p db-migrations/sql
  # SQLite cannot script idempotently; its script is the full one, for a new database.
  idempotent=--idempotent
  [ "$provider" = Sqlite ] && idempotent=
  dotnet ef migrations script $idempotent --no-build --project "$project" --startup-project "$project" --output "$script"
  echo "wrote $script"
done
