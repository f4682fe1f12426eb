#!/usr/bin/env bash
# Runs every benchmark scenario at tiny sizes (seconds each) from the Debug build, so a change that breaks one is
# caught by the test command rather than the next time someone measures. Prints the `bench` lines; fails if the run
# fails or a scenario printed none. Usage: scripts/bench-smoke.sh [results directory]
set -uo pipefail
cd "$(dirname "$0")/.."
results="${1:-TestResults}"
mkdir -p "$results"
log="$results/bench-smoke.log"

dotnet bench/Arc.Bench/bin/Debug/net10.0/Arc.Bench.dll smoke >"$log" 2>&1
status=$?
echo
echo "Benchmark smoke run (full output in $log):"
grep '^bench ' "$log"
# Each scenario announces itself with "== <name> (smoke)"; every one of them must have printed its figures.
for scenario in $(sed -nE 's/^== ([a-z-]+) \(smoke\)$/\1/p' "$log"); do
  if ! grep -q "^bench $scenario " "$log"; then
    echo "bench smoke: $scenario printed no figures" >&2
    status=1
  fi
done
if [[ $status -ne 0 ]] || ! grep -q '^bench ' "$log"; then
  echo "bench smoke: FAILED; the end of its output:" >&2
  tail -40 "$log" >&2
  exit 1
fi
