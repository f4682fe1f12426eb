#!/usr/bin/env bash
# The fault drills, for reading rather than for CI (the test command runs them too):
#   crash   - the portal process is killed with SIGKILL after each provisioning step in turn and started again (the
#             test command kills after seven of the fourteen steps only);
#             prints, per step, what the next process found once it had recovered the run.
#   outage  - the shadow service and the device registry fail (connection refused, 503, timeout) after committed
#             grants, revokes, re-keys and an unprovision; prints whether every shadow and certificate came right.
# Usage: scripts/drills.sh [crash|outage|all]
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null || exit 1
which=${1:-all}
case "$which" in
  crash) filter="FullyQualifiedName~CrashRecoveryTests" ;;
  outage) filter="FullyQualifiedName~OutboxTests" ;;
  all) filter="FullyQualifiedName~CrashRecoveryTests|FullyQualifiedName~OutboxTests" ;;
  *) echo "usage: scripts/drills.sh [crash|outage|all]" >&2; exit 2 ;;
esac
dotnet build Arc.Portal.sln -c Debug -nologo -v quiet || exit 1
ARC_CRASH_DRILL_ALL=1 dotnet test Arc.Portal.Tests --no-build -nologo --filter "$filter" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E '^\s*(killed after|run [0-9]+ |Passed |Failed |Total tests|Passed!|Failed!)' | sed -E 's/^\s+//'
exit "${PIPESTATUS[0]}"
