#!/usr/bin/env bash
# Lints the API's OpenAPI document with Redocly's recommended rules and Spectral's spectral:oas rules.
#   tests/lint-openapi.sh                      builds and starts the app (SQLite, in a temporary folder), reads its document
#   tests/lint-openapi.sh http://host/openapi/v1.json   lints a running app's document
# The linters come from npm, pinned, into tests/.lint-tools (git-ignored). Fails on any error from either linter.
# Redocly's configuration and its one exemption, each with its reason, are in tests/openapi-lint.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=tests/.lint-tools
if [ ! -x "$tools/node_modules/.bin/redocly" ] || [ ! -x "$tools/node_modules/.bin/spectral" ]; then
  mkdir -p "$tools"
  # Not `npm init -y`: npm refuses the folder's name (".lint-tools") as a package name.
  echo '{"name": "lint-tools", "private": true}' >"$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund -E @redocly/cli@2.77.0 @stoplight/spectral-cli@6.16.3 >/dev/null)
fi

work=$(mktemp -d)
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

url=${1:-}
if [ -z "$url" ]; then
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  dotnet build src/EmanciPay.Web -v q -nologo >/dev/null
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ConnectionStrings__EmanciPay="Data Source=$work/emancipay.db" Mail__Folder="$work/mail" Demo__SeedStations=false \
    dotnet src/EmanciPay.Web/bin/Debug/net10.0/EmanciPay.Web.dll >"$work/app.log" 2>&1 &
  app_pid=$!
  url="http://127.0.0.1:$port/openapi/v1.json"
  for _ in $(seq 60); do curl -sf "$url" -o /dev/null && break; sleep 1; done
fi

curl -sf "$url" -o "$work/openapi.json"
# Redocly reads the ignore file beside its configuration, and its paths are relative to it: so both go beside the document.
cp tests/openapi-lint/redocly.yaml tests/openapi-lint/.redocly.lint-ignore.yaml "$work/"
echo 'extends: ["spectral:oas"]' >"$work/.spectral.yaml"
status=0
"$tools/node_modules/.bin/redocly" lint --config "$work/redocly.yaml" "$work/openapi.json" || status=1
"$tools/node_modules/.bin/spectral" lint --fail-severity error -r "$work/.spectral.yaml" "$work/openapi.json" || status=1
exit "$status"
