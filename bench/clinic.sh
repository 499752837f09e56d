#!/bin/sh
# The clinic's server under load (docs/PERFORMANCE.md, "Clinic server"): on a throwaway PostgreSQL
# cluster (tests/pg/cluster.sh), 1,000 patients with a year of records each, then
#  1. GET /api/patients as the therapist of 200 of them: the first request of a day (every kept
#     row stale) and the steady state, p50/p95/p99;
#  2. 200 patients posting session steps for 60 s against two server processes, and then the
#     database's count of the steps: none lost, none doubled.
# Prints the figures; a bench, never a test.
#   CLINIC_SECONDS=N the duration of 2. (default 60), CLINIC_FIRST_RUNS=N and
#   CLINIC_STEADY_RUNS=N the requests of 1. (10 and 300).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
for tool in node psql; do
	command -v $tool > /dev/null || { echo "bench/clinic.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$top/hipcoach" ] || { echo "bench/clinic.sh: build hipcoach first (make)" >&2; exit 1; }
echo "$(uname -m), $(nproc) cores, $(date -u +%Y-%m-%d)"
exec "$top/tests/pg/cluster.sh" node "$top/bench/clinic/load.mjs"
