#!/bin/sh
# Runs every benchmark (bench/*.sh, in name order) against its peers, and writes what each printed
# into docs/PERFORMANCE.md, between the "make bench" markers, with the machine and the date.
# Timings never fail the run; a benchmark that cannot run (a peer missing) says so and the others
# still run. BENCH_RUNS=N sets how many runs each measurement takes (each script says its default).
#   BENCH_ONLY="growth startup"  runs only those (the block then holds only them)
#   BENCH_NO_DOC=1               prints, and leaves docs/PERFORMANCE.md alone
set -eu
cd "$(dirname "$0")"
out=../build/bench/out
mkdir -p "$out"
rm -f "$out"/*.txt
status=0
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
for script in ./*.sh; do
	name=${script#./}
	name=${name%.sh}
	[ "$name" = run ] && continue
	if [ -n "${BENCH_ONLY:-}" ]; then
		case " $BENCH_ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	echo "== bench/$name.sh"
	if sh "$script" > "$out/$name.txt" 2>&1; then
		cat "$out/$name.txt"
	else
		cat "$out/$name.txt"
		echo "bench/$name.sh: could not run" | tee -a "$out/$name.txt" >&2
		status=1
	fi
	echo
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
[ -n "${BENCH_NO_DOC:-}" ] && exit $status

doc=../docs/PERFORMANCE.md
block=$out/block.md
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -1)
cc=$(${CC:-cc} --version 2> /dev/null | head -1)
{
	echo "<!-- make bench: begin (written by bench/run.sh; edit outside the markers) -->"
	echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr) $(uname -m), $cc."
	echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Load average $load_before before, $load_after after"
	echo "(other work on the machine moves absolute figures; the ratios are taken side by side)."
	for f in "$out"/*.txt; do
		[ -e "$f" ] || continue
		n=$(basename "$f" .txt)
		echo
		echo "\`bench/$n.sh\`:"
		echo
		echo '```text'
		cat "$f"
		echo '```'
	done
	echo "<!-- make bench: end -->"
} > "$block"
if grep -q '^<!-- make bench: begin' "$doc" && grep -q '^<!-- make bench: end' "$doc"; then
	awk -v block="$block" '
		/^<!-- make bench: begin/ { while ((getline l < block) > 0) print l; skip = 1; next }
		/^<!-- make bench: end/ { skip = 0; next }
		!skip { print }' "$doc" > "$doc.tmp"
else
	{ cat "$doc"; echo; echo "## Latest \`make bench\`"; echo; cat "$block"; } > "$doc.tmp"
fi
mv "$doc.tmp" "$doc"
echo "bench/run.sh: the figures are in docs/PERFORMANCE.md"
exit $status
