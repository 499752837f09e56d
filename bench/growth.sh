#!/bin/sh
# How each read grows with history: status, today, load and plan as whole processes, and
# GET /api/status and /api/today from a running `hipcoach ui`, on the same year of the program with
# 0, 1,000, 3,000 and 10,000 runs behind it (bench/growth/history.py: one run a day going back, so
# the last weeks are the same at every size and the answers are too). Each figure is also given
# as a ratio to the one with no runs; the target is 1.3 at most at 10,000 runs.
# The sizes are measured in turn within each round (bench/growth/measure.py), so that a machine
# that slows down meanwhile slows them alike and the ratios hold.
#   BENCH_RUNS=N   rounds: runs of each command and size, the median quoted (default 20)
#   WEB_SECONDS=N  seconds of load per endpoint, size and round (default 1; 5 rounds)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
runs=${BENCH_RUNS:-20}
seconds=${WEB_SECONDS:-1}
sizes="0 1000 3000 10000"
for tool in wrk python3; do
	command -v $tool > /dev/null || { echo "bench/growth.sh: $tool is not installed" >&2; exit 1; }
done
[ -x ./hipcoach ] || { echo "bench/growth.sh: build hipcoach first (make)" >&2; exit 1; }

work=build/bench/growth
mkdir -p "$work"
export HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC no_proxy='*' NO_PROXY='*'
unset XDG_DATA_HOME HIPCOACH_PROGRAM
for n in $sizes; do
	db=$work/runs-$n.db
	[ -s "$db" ] && continue
	rm -f "$db" "$db-wal" "$db-shm"
	HIPCOACH_DB=$db ./hipcoach setup --level beginner --equipment mat,band,step,chair \
		--strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null 2>&1
	python3 bench/growth/history.py "$db" "$n"
done

python3 bench/growth/measure.py ./hipcoach "$work" "$runs" "$seconds" $sizes
