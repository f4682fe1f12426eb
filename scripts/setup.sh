#!/usr/bin/env bash
# Installs what Arc Portal needs on a Debian machine with the .NET SDK, and nothing that is already there.
# Usage: scripts/setup.sh [--test]   (--test adds what the test suite needs: Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

want=()
have_pg() { ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; }
have_pg || want+=(postgresql)
command -v influxd >/dev/null 2>&1 || want+=(influxdb)
if [[ "${1:-}" == "--test" ]]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
fi

if (( ${#want[@]} > 0 )); then
  echo "Installing: ${want[*]}"
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q
  $sudo_cmd apt-get install -y -q "${want[@]}"
fi

# Debian's package may start its own cluster and influxd as services; the portal runs its own on other ports.
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (dotnet was not found on PATH)." >&2
  exit 1
fi
dotnet tool restore >/dev/null

# npm packages: the map library the portal serves (Leaflet) and the protocol peers the tests run against. Installed
# when any is missing; Leaflet's files are then copied into wwwroot/lib (ignored by git) before the build.
if ! (cd tools && node -e 'const p=require("./package.json");for(const d of Object.keys(p.dependencies))require.resolve(d+"/package.json")' 2>/dev/null); then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! cmp -s tools/node_modules/leaflet/dist/leaflet.js wwwroot/lib/leaflet/leaflet.js; then
  mkdir -p wwwroot/lib/leaflet
  cp -r tools/node_modules/leaflet/dist/leaflet.js tools/node_modules/leaflet/dist/leaflet.css tools/node_modules/leaflet/dist/images \
    tools/node_modules/leaflet/LICENSE wwwroot/lib/leaflet/
fi
