#!/bin/sh
# The handout's page count over every level with each set of equipment (tests/handout/sweep.out
# holds the expected lines): 144 handouts, so it runs apart from the quick CLI tests (make cli),
# as `make handout-sweep` within `make test`. Fails on any line that differs.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export HIPCOACH_DB="$work/hipcoach.db" HOME="$work" HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC \
	NO_COLOR=1 LC_ALL=C.UTF-8 TOP="$top"
unset XDG_DATA_HOME HIPCOACH_PROGRAM
(
# Every level with each set of equipment, on A4 and Letter, with and without cautions in force
# (outer and front hip pain lately) and with and without a name: the page count of each, against
# the issue's limit (two pages for the beginner program, three for the others). A handout over
# its limit says so on its line, and the count of those closes the list. Not under valgrind:
# the handouts of tests/cli/handout-*.sh go through it there.
hc_plain="$TOP/hipcoach"
limit_of() {
	case $1 in beginner) echo 2 ;; *) echo 3 ;; esac
}
over=0 total=0
for level in beginner moderate heavy; do
	for kit in mat,band,step,chair,dumbbells mat mat,band mat,band,chair mat,dumbbells \
		mat,band,step,chair; do
		"$hc_plain" setup --level "$level" --equipment "$kit" --dumbbells 6,10,14 \
			--strength-days tue,fri --run-days mon,wed,sat --long-run sat --units km,kg \
			--start 2026-11-16 > /dev/null 2>&1
		for cautions in none outer+front; do
			sqlite3 "$HIPCOACH_DB" "DELETE FROM pain"
			[ "$cautions" = none ] || sqlite3 "$HIPCOACH_DB" \
				"INSERT INTO pain (date, at, score, context, location) VALUES
				('2026-12-05', '2026-12-05T08:00:00Z', 4, 'now', 'outer'),
				('2026-12-06', '2026-12-06T08:00:00Z', 3, 'now', 'front')"
			for name in "Sam Taylor" ""; do
				"$hc_plain" setup --name "$name" > /dev/null 2>&1
				for paper in a4 letter; do
					"$hc_plain" handout -o combo.pdf --paper $paper > /dev/null 2>&1 ||
						echo "handout failed: $level $kit $paper"
					n=$(pdfinfo combo.pdf | sed -n 's/^Pages: *//p')
					limit=$(limit_of $level)
					mark=
					if [ "$n" -gt "$limit" ]; then
						mark="  OVER THE LIMIT OF $limit"
						over=$((over + 1))
					fi
					total=$((total + 1))
					who=name
					[ -n "$name" ] || who="no name"
					printf '%-8s %-28s %-6s %-11s %-7s %s pages%s\n' "$level" "$kit" \
						$paper "$cautions" "$who" "$n" "$mark"
				done
			done
		done
	done
done
echo "$over of $total handouts over their page limit"
) > actual 2>&1
if diff -u "$top/tests/handout/sweep.out" actual; then
	echo "handout-sweep: passed"
else
	echo "handout-sweep: FAIL"
	exit 1
fi
