#!/bin/sh
# Runs every benchmark (bench/*.sh, in name order) against its peers; timings never fail the run.
# BENCH_RUNS=N sets how many runs each measurement takes the best of (default 20).
set -eu
cd "$(dirname "$0")"
status=0
for script in ./*.sh; do
	[ "$script" = ./run.sh ] && continue
	echo "== bench/${script#./}"
	# A benchmark that cannot run (a peer missing) says so and the others still run.
	sh "$script" || { echo "bench/${script#./}: could not run" >&2; status=1; }
	echo
done
exit $status
