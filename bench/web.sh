#!/bin/sh
# The web server under load, against python's http.server serving the same bytes from files:
#  1. GET / (the app's page): its latency while 8 clients pull the heaviest endpoint, and alone;
#  2. GET /api/today with 64 connections, on a database of 10,000 runs (requests per second).
# The heaviest endpoint is the one that takes longest to answer once (measured, printed).
# Prints the figures and hipcoach's ratio to python's; a bench, never a test.
#   WEB_SECONDS=N changes each measurement's duration (default 10), WEB_RUNS=N the runs (10000).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin="$top/hipcoach"
seconds=${WEB_SECONDS:-10}
nruns=${WEB_RUNS:-10000}
for tool in wrk curl python3 sqlite3; do
	command -v $tool > /dev/null || { echo "bench/web.sh: $tool is not installed" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "bench/web.sh: build hipcoach first (make)" >&2; exit 1; }

work=$(mktemp -d)
pid=
pypid=
# Under set -e, a server's exit status (python's is 143 once killed) must not end the cleanup.
cleanup() {
	if [ -n "$pid" ]; then kill -INT "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true; fi
	if [ -n "$pypid" ]; then kill "$pypid" 2> /dev/null && wait "$pypid" 2> /dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
export HIPCOACH_DB="$work/hipcoach.db" HOME="$work" TZ=UTC no_proxy='*' NO_PROXY='*'
unset XDG_DATA_HOME XDG_RUNTIME_DIR HIPCOACH_PROGRAM HIPCOACH_TIME_SCALE
"$bin" setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri \
	--run-days mon,wed,sat --long-run sat > /dev/null 2>&1
# Ten thousand runs, one every 16 hours or so back from yesterday: years of history.
sqlite3 "$HIPCOACH_DB" "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $nruns)
INSERT INTO runs (start, start_epoch, sport, distance_m, moving_s, elapsed_s, avg_hr, max_hr, source)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', e, 'unixepoch'), e, 'running', 5000 + (i % 70) * 100,
       1800 + (i % 50) * 30, 1900 + (i % 50) * 30, 140 + i % 20, 170, 'bench-' || i || '.fit'
FROM (SELECT i, CAST(strftime('%s', 'now', '-1 day') AS INTEGER) - i * 57600 AS e FROM n);"

"$bin" ui --no-open --port 0 < /dev/null > "$work/out" 2>&1 &
pid=$!
i=0
while ! grep -q 'Ctrl-C' "$work/out" 2> /dev/null; do
	i=$((i + 1))
	[ $i -gt 200 ] && { echo "bench/web.sh: the server did not start" >&2; cat "$work/out" >&2; exit 1; }
	sleep 0.05
done
link=$(sed -n 's/^hipcoach is serving \(http[^ ]*\)$/\1/p' "$work/out")
url=${link%%\?*}
url=${url%/}
cookie=$(curl -s -D - -o /dev/null "$link" | sed -n 's/^Set-Cookie: \([^;]*\);.*/\1/p')
[ -n "$cookie" ] || { echo "bench/web.sh: the link did not let us in" >&2; exit 1; }

# The heaviest endpoint: the slowest single answer (exports and reads, each asked twice).
heavy= heavy_t=0
for path in /api/runs?limit=1000 /api/status /api/load /api/history /api/progress /api/plan \
	/api/export/json /api/export/csv /api/export/ics; do
	t=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$url$path")
	t=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "$url$path")
	if awk -v a="$t" -v b="$heavy_t" 'BEGIN { exit !(a > b) }'; then
		heavy=$path heavy_t=$t
	fi
done

# python's http.server with the same bytes as files.
mkdir -p "$work/py/api"
curl -s -H "Cookie: $cookie" "$url/" > "$work/py/index.html"
curl -s -H "Cookie: $cookie" "$url/api/today" > "$work/py/api/today"
curl -s -H "Cookie: $cookie" "$url$heavy" > "$work/py/heavy"
pyport=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/py" "$pyport" > /dev/null 2>&1 &
pypid=$!
i=0
until curl -s -o /dev/null "http://127.0.0.1:$pyport/index.html"; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "bench/web.sh: python's server did not start" >&2; exit 1; }
	sleep 0.05
done
py=http://127.0.0.1:$pyport

# wrk's figures: requests/s, p50 and p99 latency in ms.
measure() { # measure CONNECTIONS URL
	wrk -t"$(($1 < 2 ? 1 : 2))" -c"$1" -d"${seconds}s" --latency -H "Cookie: $cookie" "$2" > "$work/wrk" 2>&1
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v
	}
	/^Requests\/sec/ { rps = $2 }
	$1 == "50%" { p50 = ms($2) }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx|Socket errors/ { err = 1 }
	END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, err ? "errors" : "" }' "$work/wrk"
}
# GET / from one client while 8 others pull the heavy endpoint.
under_load() { # under_load PAGE-URL HEAVY-URL
	wrk -t2 -c8 -d"$((seconds + 2))s" -H "Cookie: $cookie" "$2" > /dev/null 2>&1 &
	load=$!
	sleep 1
	measure 1 "$1"
	wait $load
}

printf 'hipcoach ui and python3 -m http.server, wrk, %s s each, %s CPUs, %s runs\n' "$seconds" "$(nproc)" "$nruns"
printf 'heaviest endpoint: GET %s (%s s alone, %s bytes)\n\n' "$heavy" "$heavy_t" "$(wc -c < "$work/py/heavy")"
printf '%-44s %14s %14s %8s\n' measurement hipcoach python 'ratio'
set -- $(measure 1 "$url/")
h_idle=$3
set -- $(measure 1 "$py/index.html")
p_idle=$3
set -- $(under_load "$url/" "$url$heavy")
h_load=$3
set -- $(under_load "$py/index.html" "$py/heavy")
p_load=$3
set -- $(measure 64 "$url/api/today")
h_rps=$1 h_err=${4:-}
set -- $(measure 64 "$py/api/today")
p_rps=$1
row() { printf '%-44s %14s %14s %8s\n' "$1" "$2" "$3" "$(awk -v a="$4" -v b="$5" 'BEGIN { printf "%.2f", b ? a / b : 0 }')"; }
row 'GET / p99 latency, alone (ms)' "$h_idle" "$p_idle" "$h_idle" "$p_idle"
row "GET / p99 latency, 8 clients on heavy (ms)" "$h_load" "$p_load" "$h_load" "$p_load"
row 'GET /api/today, 64 connections (req/s)' "$h_rps" "$p_rps" "$h_rps" "$p_rps"
[ -z "$h_err" ] || echo "(hipcoach answered some requests with errors)"
echo
echo "targets: GET / p99 under load at most 5 ms; /api/today at least 20000 req/s"
