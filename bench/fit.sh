#!/bin/sh
# FIT decoding throughput: hipcoach's reader against Garmin's FIT SDK (node) and gpsbabel, on the same files.
set -eu
cd "$(dirname "$0")/.."
runs=${BENCH_RUNS:-20}
data=${BENCH_FIT_DATA:-../shared/testdata/fit-benchmarks}
files="$data/large.fit $data/sample.fit"

for f in $files; do
	if [ ! -r "$f" ]; then
		echo "bench/fit: $f absent (shared test data), nothing to measure" >&2
		exit 1
	fi
done
make -s build/tools/fitdump
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -srm)"
echo "date: $(date -u +%Y-%m-%d)"
echo "runs: best of $runs, page cache warm (each file read once before timing)"
for f in $files; do
	cat "$f" >/dev/null
done
exec node bench/fit/compare.mjs "$runs" $files
