#!/bin/sh
# The web server under load: wrk with 64 connections for 10 s against GET /api/plan (a plan built
# from the database on every request) and a static file (app.js, served from memory), on a fresh
# database with a profile. Prints requests per second and latency; a bench, never a test.
#   WEB_SECONDS=N changes the duration, WEB_CONNECTIONS=N the connections (default 64).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="$top/hipcoach"
seconds=${WEB_SECONDS:-10}
conns=${WEB_CONNECTIONS:-64}
threads=4
if ! command -v wrk > /dev/null; then
	echo "bench/web.sh: wrk is not installed (apt-get install wrk)" >&2
	exit 1
fi
[ -x "$bin" ] || { echo "bench/web.sh: build hipcoach first (make)" >&2; exit 1; }

work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -INT "$pid" 2> /dev/null && wait "$pid" 2> /dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
export HIPCOACH_DB="$work/hipcoach.db" HOME="$work" TZ=UTC no_proxy='*' NO_PROXY='*'
unset XDG_DATA_HOME HIPCOACH_PROGRAM
"$bin" setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri \
	--run-days mon,wed,sat --long-run sat > /dev/null 2>&1

"$bin" ui --no-open --port 0 > "$work/out" 2>&1 &
pid=$!
i=0
while ! grep -q 'serving' "$work/out" 2> /dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "bench/web.sh: the server did not start" >&2; cat "$work/out" >&2; exit 1; }
	sleep 0.05
done
url=$(sed -n 's/.*serving \(http[^ ]*\)\/$/\1/p' "$work/out")

echo "hipcoach ui, wrk -t$threads -c$conns -d${seconds}s ($(nproc) CPUs)"
printf '%-16s %12s %10s %10s %10s %10s\n' target 'requests/s' 'lat avg' 'lat p50' 'lat p99' 'errors'
for path in /api/plan /app.js /api/today; do
	wrk -t$threads -c$conns -d"${seconds}s" --latency "$url$path" > "$work/wrk" 2>&1
	rps=$(awk '/^Requests\/sec/ { print $2 }' "$work/wrk")
	avg=$(awk '$1 == "Latency" && NF >= 4 { print $2; exit }' "$work/wrk")
	p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk")
	p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk")
	errs=$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s ", $0 }' "$work/wrk")
	printf '%-16s %12s %10s %10s %10s %10s\n' "GET $path" "$rps" "$avg" "$p50" "$p99" "${errs:-0}"
done
