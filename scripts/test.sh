#!/usr/bin/env bash
# Runs the whole test suite: domain, integration (real PostgreSQL and InfluxDB), components, and browser tests
# (Debian's Chromium), then every benchmark in its smoke mode; checks formatting with dotnet format. The tests start and stop their own throw-away servers.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || exit 1

results="TestResults"
rm -rf "$results/trx"
mkdir -p "$results"
dotnet build Arc.Portal.sln -c Debug -nologo -v quiet || exit 1
# Formatting is that of .editorconfig; a file that drifts fails the command (after the tests). Only whitespace is left to
# check here: the build above already fails on any analyzer warning (TreatWarningsAsErrors), and no style rule is set
# above a suggestion. Checked on the files as text, without compiling the solution a second time (seconds, not 90).
format_status=0
dotnet format whitespace --folder --verify-no-changes -v quiet || format_status=$?
dotnet test Arc.Portal.Tests --no-build -nologo --logger "trx;LogFileName=tests.trx" --results-directory "$results/trx" \
  --logger "console;verbosity=minimal" 2>&1 | tee "$results/test-output.log"
status=${PIPESTATUS[0]}

# A safety net: any server a crashed test host left behind is stopped here and reported.
# (The tests' own watchdogs stop their servers once the test host has exited; give them up to 30 s to finish.)
for _ in $(seq 30); do
  leftover=$(ps -eo pid=,stat=,args= | awk '$2 !~ /^Z/ && /arc-tests-/ && !/awk/ {print $1}')
  [[ -z "$leftover" ]] && break
  sleep 1
done
if [[ -n "$leftover" ]]; then
  echo "warning: stopping servers left by the tests: $leftover"
  pkill -f 'arc-tests-' || true
fi

# Every benchmark at tiny sizes (the solution build above built them), so none of them rots unnoticed.
scripts/bench-smoke.sh "$results" || status=1
if [[ $format_status -ne 0 ]]; then
  echo "dotnet format found files that differ from .editorconfig; run: dotnet format whitespace --folder" >&2
  status=1
fi

# Where the time went, so a slow class is noticed before the suite outgrows its budget.
echo
python3 scripts/slowest-tests.py "$results/trx/tests.trx" 15 || true

# The counts come from the results file, whatever the console logger printed.
counters=$(grep -o '<Counters [^>]*>' "$results/trx/tests.trx" 2>/dev/null | head -1)
passed=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")
failed=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")
skipped=$(sed -nE 's/.* notExecuted="([0-9]+)".*/\1/p' <<<"$counters")
echo
echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [[ "${passed:-0}" == "0" ]]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
