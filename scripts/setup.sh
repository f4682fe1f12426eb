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

# npm packages: the map library the portal serves (Leaflet), the offline base map's boundaries (world-atlas, us-atlas)
# and the protocol peers the tests run against. Installed when any is missing; the files the portal serves are then
# copied into wwwroot/lib (ignored by git) before the build.
if ! (cd tools && node -e 'const p=require("./package.json");for(const d of Object.keys(p.dependencies))require.resolve(d+"/package.json")' 2>/dev/null); then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! cmp -s tools/node_modules/leaflet/dist/leaflet.js wwwroot/lib/leaflet/leaflet.js; then
  mkdir -p wwwroot/lib/leaflet
  cp -r tools/node_modules/leaflet/dist/leaflet.js tools/node_modules/leaflet/dist/leaflet.css tools/node_modules/leaflet/dist/images \
    tools/node_modules/leaflet/LICENSE wwwroot/lib/leaflet/
fi
# Natural Earth's countries (1:50m) and the Census Bureau's states (1:10m) as TopoJSON: the base map drawn when no tile
# server is configured (wwwroot/js/atlas.js decodes them in the browser).
if ! cmp -s tools/node_modules/world-atlas/countries-50m.json wwwroot/lib/atlas/countries-50m.json \
   || ! cmp -s tools/node_modules/us-atlas/states-10m.json wwwroot/lib/atlas/states-10m.json; then
  mkdir -p wwwroot/lib/atlas
  cp tools/node_modules/world-atlas/countries-50m.json tools/node_modules/us-atlas/states-10m.json wwwroot/lib/atlas/
  cp tools/node_modules/world-atlas/LICENSE wwwroot/lib/atlas/LICENSE-world-atlas
  cp tools/node_modules/us-atlas/LICENSE wwwroot/lib/atlas/LICENSE-us-atlas
fi
