#!/usr/bin/env bash
# Runs the portal on its embedded default: a local PostgreSQL and InfluxDB under .data/, demo data, local sign-in.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
dotnet build Arc.Portal -c Release -nologo -v quiet
cat <<MSG

Arc Portal starts at ${ASPNETCORE_URLS}
Sign in as admin@arc.local. On the very first start a one-time password is printed below; you choose your own
at first sign-in. (To fix the first password instead, set Portal__Admin__Password before the first start.)
Stop with Ctrl+C: the embedded PostgreSQL and InfluxDB stop with the portal.

MSG
exec dotnet Arc.Portal/bin/Release/net10.0/Arc.Portal.dll --contentRoot "$PWD/Arc.Portal"
