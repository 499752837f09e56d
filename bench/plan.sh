#!/bin/sh
# How long `hipcoach plan --days 7 --json` takes on five years of history, and its peak memory.
# The peer is sqlite3's own command-line shell reading the same database: the floor for any
# program that starts, opens this file and answers a query.
set -eu
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-20}
work=build/bench/plan
mkdir -p "$work"
db=$work/history.db
if [ ! -s "$db" ]; then
	rm -f "$db"
	HIPCOACH_DB=$db ./hipcoach setup --level beginner --equipment mat,band,step,chair \
		--strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
	echo "five years of history:"
	python3 bench/plan/history.py "$db" 5
fi
export HIPCOACH_DB=$db HIPCOACH_NOW=2026-12-08T07:30:00

# Median wall time of N runs of a command, in milliseconds.
median_ms() {
	i=0
	while [ $i -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" > /dev/null
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m / 1000 }'
}

plan=$(median_ms ./hipcoach plan --days 7 --json)
peer=$(median_ms sqlite3 "$db" "SELECT level FROM profile")
rss=$(/usr/bin/time -f %M ./hipcoach plan --days 7 --json 2>&1 > /dev/null | tail -1)
peer_rss=$(/usr/bin/time -f %M sqlite3 "$db" "SELECT level FROM profile" 2>&1 > /dev/null | tail -1)
today=$(median_ms ./hipcoach)
echo "hipcoach plan --days 7 --json: median ${plan} ms, peak RSS ${rss} KB (target: 10 ms, 10 MB)"
echo "hipcoach (today screen):       median ${today} ms"
echo "sqlite3 shell, one query:      median ${peer} ms, peak RSS ${peer_rss} KB"
awk -v a="$plan" -v b="$peer" 'BEGIN { printf "ratio plan / sqlite3 shell: %.2f\n", a / b }'
