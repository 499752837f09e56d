#!/bin/sh
# Torture tests: runs every tests/torture/*.sh but this one, in order, against the built ./hipcoach,
# and prints a summary. A script that exits 77 was skipped: its last line says why. Fails if any
# script failed.
#   tests/torture/run.sh [NAME...]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
# The whole suite runs in CI in under 5 minutes; one script may take at most this long.
SCRIPT_TIMEOUT=240
if [ $# -eq 0 ]; then
	set -- "$top"/tests/torture/*.sh
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pass=0 fail=0 skip=0 summary=
for t in "$@"; do
	case $t in */run.sh) continue ;; esac
	case $t in /*) ;; *) t=$top/tests/torture/$(basename "$t" .sh).sh ;; esac
	name=$(basename "$t" .sh)
	echo "== torture: $name"
	start=$(date +%s)
	timeout $SCRIPT_TIMEOUT sh "$t" > "$log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	case $rc in
	0)
		pass=$((pass + 1))
		cat "$log"
		line="ok    $name (${secs} s)"
		;;
	77)
		skip=$((skip + 1))
		line="skip  $name: $(tail -n 1 "$log")"
		;;
	*)
		fail=$((fail + 1))
		cat "$log"
		[ $rc = 124 ] && echo "(stopped after $SCRIPT_TIMEOUT s)"
		line="FAIL  $name (exit $rc, ${secs} s)"
		;;
	esac
	summary="$summary$line
"
done
echo "== torture summary"
printf '%s' "$summary"
echo "torture: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
