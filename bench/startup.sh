#!/bin/sh
# Start-up: what a command costs before it does anything, and plan, on five years of history
# (bench/plan/history.py), side by side with the floor: `true` (a process that starts and exits)
# and sqlite3's own shell answering one query on the same database (a program that starts, opens
# this file and answers). Each round runs every command once, in turn (bench/pair.py).
# With valgrind installed it also counts the instructions each runs (callgrind), which a busy
# machine does not move.
#   BENCH_RUNS=N  rounds (default 30)
set -eu
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-30}
for tool in sqlite3 python3 /usr/bin/time; do
	command -v $tool > /dev/null || { echo "bench/startup.sh: $tool is not installed" >&2; exit 1; }
done
[ -x ./hipcoach ] || { echo "bench/startup.sh: build hipcoach first (make)" >&2; exit 1; }
work=build/bench/plan
mkdir -p "$work"
db=$work/history.db
if [ ! -s "$db" ]; then
	rm -f "$db"
	HIPCOACH_DB=$db ./hipcoach setup --level beginner --equipment mat,band,step,chair \
		--strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null 2>&1
	python3 bench/plan/history.py "$db" 5 > /dev/null
fi
export HIPCOACH_DB=$db HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC

echo "shared objects loaded (ldd): hipcoach $(ldd ./hipcoach | wc -l), sqlite3 $(ldd "$(command -v sqlite3)" | wc -l), true $(ldd /bin/true | wc -l)"
echo "median of $runs rounds:"
python3 bench/pair.py "$runs" \
	"hipcoach --version" -- ./hipcoach --version -- \
	"true" -- /bin/true
python3 bench/pair.py "$runs" \
	"hipcoach plan --days 7 --json" -- ./hipcoach plan --days 7 --json -- \
	"sqlite3 shell, one query" -- sqlite3 "$db" "SELECT level FROM profile"
if command -v valgrind > /dev/null; then
	echo "instructions (callgrind):"
	count() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 > /dev/null |
			sed -n 's/.*I *refs: *//p'
	}
	echo "  hipcoach --version $(count ./hipcoach --version), true $(count /bin/true)"
	echo "  hipcoach plan --days 7 --json $(count ./hipcoach plan --days 7 --json)," \
		"sqlite3 shell, one query $(count sqlite3 "$db" "SELECT level FROM profile")"
fi
echo "targets: --version at most 3× true; plan --json at most 3 ms and 6 MB"
