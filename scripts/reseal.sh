#!/usr/bin/env bash
# Re-seals every secret in the portal's database under the key vault's current master key and prints the counts.
# It reads the portal's own configuration: for a rotation, add KeyVault__MasterKeys__<n> and KeyVault__CurrentVersion=<n>,
# restart the portal with them, run this, and remove the old key once it reports no failures. In Development, stop
# scripts/run.sh first (both would start the embedded servers under .data/).
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
dotnet build Arc.Portal -c Release -nologo -v quiet
exec dotnet Arc.Portal/bin/Release/net10.0/Arc.Portal.dll reseal --contentRoot "$PWD/Arc.Portal" "$@"
