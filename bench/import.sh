#!/bin/sh
# Import speed and memory on a generated export (FIT/GPX/TCX, gzipped as Strava ships them, with
# activities.csv at the END of the zip, the hard case for memory), side by side with the
# decompression floor (zcat of the same files), Garmin's FIT SDK and gpsbabel:
#   - zip and folder, empty database, on every core and on one (HIPCOACH_IMPORT_THREADS=1)
#   - zip and folder again (every file known)
#   - the FIT files against @garmin/fitsdk, the GPX files against gpsbabel
# Timings come from farm-bench when it is on PATH (medians of paired runs), else /usr/bin/time.
# Figures only: nothing here passes or fails on a timing.
#   BENCH_IMPORT_COUNT (3000), BENCH_IMPORT_INTERVAL (1 s between track points, as watches
#   record), BENCH_RUNS (3, farm-bench runs per command)
set -eu
cd "$(dirname "$0")/.."
count=${BENCH_IMPORT_COUNT:-3000}
interval=${BENCH_IMPORT_INTERVAL:-1}
runs=${BENCH_RUNS:-3}
work=build/bench/import
corpus=$work/corpus-$count-$interval-last
large=${BENCH_FIT_DATA:-../shared/testdata/fit-benchmarks}/large.fit
hc=$PWD/hipcoach

for tool in python3 node gpsbabel /usr/bin/time zcat; do
	command -v $tool >/dev/null 2>&1 || { echo "bench/import: $tool is missing" >&2; exit 1; }
done
[ -x "$hc" ] || { echo "bench/import: build hipcoach first (make)" >&2; exit 1; }
mkdir -p $work
if [ ! -f $corpus/export.zip ]; then
	echo "generating the corpus ($count activities, a point every $interval s, csv last in the zip)..."
	python3 tools/gen-export.py --count "$count" --seed 1 --interval "$interval" --csv-last \
		--out $corpus >/dev/null
fi
# The corpus's FIT and GPX files, uncompressed, for the peers (once).
if [ ! -d $corpus/fit ]; then
	mkdir -p $corpus/fit $corpus/gpx
	for f in $corpus/export/activities/*.fit.gz; do
		b=$(basename "$f" .gz)
		gzip -dc "$f" > $corpus/fit/$b 2>/dev/null || rm -f $corpus/fit/$b
	done
	cp $corpus/export/activities/*.gpx $corpus/gpx/ 2>/dev/null || true
	for f in $corpus/export/activities/*.gpx.gz; do
		b=$(basename "$f" .gz)
		gzip -dc "$f" > $corpus/gpx/$b 2>/dev/null || rm -f $corpus/gpx/$b
	done
	# Damaged files on purpose are for the importer's report, not for throughput.
	python3 -c 'import json, os, sys
for f in json.load(open(sys.argv[1]))["damaged_files"]:
    for d in ("fit", "gpx"):
        p = os.path.join(sys.argv[2], d, os.path.basename(f).removesuffix(".gz"))
        if os.path.exists(p):
            os.remove(p)
# gpsbabel refuses the whitespace Strava writes before <?xml: both tools read the files without it.
d = os.path.join(sys.argv[2], "gpx")
for f in os.listdir(d):
    p = os.path.join(d, f)
    data = open(p, "rb").read()
    open(p, "wb").write(data.lstrip())' $corpus/expected.json $corpus
fi

bytes() { du -cb "$@" | tail -n 1 | cut -f 1; }
db=$work/bench.db
fresh() { rm -f $db $db-wal $db-shm; }

# timed LABEL CMD...: prints "LABEL  wall  cpu  peak RSS  (last line of output)"; the wall
# seconds go to $last_s. With farm-bench: medians of $runs runs after one warm-up. An "empty
# database" command removes the database itself before each run.
timed() {
	label=$1
	shift
	if command -v farm-bench >/dev/null 2>&1; then
		: >$work/out.txt
		farm-bench -n "$runs" --warmup 1 --timeout 900 -- \
			sh -c 'exec "$@" >>'"$work/out.txt"' 2>&1' sh "$@" >$work/fb.txt 2>&1 || true
		wall=$(awk '$1 == "A" && $2 == "wall" { print $5 }' $work/fb.txt)
		cpu=$(awk '$1 == "A" && $2 == "cpu" { print $5 }' $work/fb.txt)
		peak=$(awk '$1 == "A" && $2 == "peak" { print $5 }' $work/fb.txt)
	else
		/usr/bin/time -f "%e %U %S %M" -o $work/time.txt "$@" >$work/out.txt 2>&1 || true
		set -- $(tail -n 1 $work/time.txt)
		wall=$1 cpu=$(echo "$2 $3" | awk '{ print $1 + $2 }') peak=$(echo "$4" | awk '{ print $1 / 1024 }')
	fi
	printf '  %-36s %7.2f s wall %7.2f s cpu %6.1f MB peak  (%s)\n' "$label" "${wall:-0}" \
		"${cpu:-0}" "${peak:-0}" "$(grep '^imported' $work/out.txt | tail -n 1)"
	last_s=${wall:-0}
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -srm), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date: $(date -u +%Y-%m-%d)"
echo "corpus: $count activities, zip $(($(bytes $corpus/export.zip) / 1000000)) MB, folder $(($(bytes $corpus/export) / 1000000)) MB"
cat $corpus/export.zip $corpus/export/activities/* $corpus/fit/* $corpus/gpx/* >/dev/null

echo "hipcoach import (page cache warm):"
timed "zip, empty database" sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc $corpus/export.zip
zip_s=$last_s
timed "zip, empty database, one thread" env HIPCOACH_IMPORT_THREADS=1 sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc $corpus/export.zip
timed "zip again (all known)" $hc --db $db import $corpus/export.zip
timed "folder, empty database" sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc $corpus/export
folder_s=$last_s
timed "folder, empty database, one thread" env HIPCOACH_IMPORT_THREADS=1 sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc $corpus/export
timed "folder again (all known)" $hc --db $db import $corpus/export
if [ -r "$large" ]; then
	cat "$large" >/dev/null
	fresh
	timed "large.fit ($(($(bytes "$large") / 1000)) kB)" sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc "$large"
fi
echo "the decompression floor: zcat of the same files, one process, one core:"
timed "zcat -f activities/* > /dev/null" sh -c 'exec zcat -f "$0"/activities/* >/dev/null' $corpus/export
awk -v z="$zip_s" -v f="$folder_s" -v c="$last_s" 'BEGIN {
	if (c > 0) printf "  hipcoach zip %.1fx, folder %.1fx the time of zcat alone\n", z / c, f / c }'

echo "FIT files of the corpus ($(ls $corpus/fit | wc -l) files, $(($(bytes $corpus/fit) / 1000000)) MB uncompressed):"
timed "hipcoach import (decode + store)" sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc $corpus/fit
ours=$last_s
sdk=$(node bench/import/sdk.mjs $corpus/fit)
sdk_s=$(echo "$sdk" | sed 's/.*"seconds":\([0-9.e-]*\).*/\1/')
fitmb=$(bytes $corpus/fit)
printf '  %-36s %7.2f s  (decode only, one node process)\n' "@garmin/fitsdk" "$sdk_s"
awk -v b="$fitmb" -v o="$ours" -v s="$sdk_s" 'BEGIN {
	printf "  hipcoach %.0f MB/s, FIT SDK %.0f MB/s: hipcoach %.1fx faster\n", b / o / 1e6, b / s / 1e6, s / o }'

echo "GPX files of the corpus ($(ls $corpus/gpx | wc -l) files, $(($(bytes $corpus/gpx) / 1000000)) MB):"
timed "hipcoach import (decode + store)" sh -c 'rm -f "$1" "$1-wal" "$1-shm"; exec "$2" --db "$1" import "$3"' sh $db $hc $corpus/gpx
ours=$last_s
set --
for f in $corpus/gpx/*.gpx; do set -- "$@" -f "$f"; done
timed "gpsbabel gpx -> unicsv" gpsbabel -i gpx "$@" -o unicsv -F /dev/null
gpxmb=$(bytes $corpus/gpx)
awk -v b="$gpxmb" -v o="$ours" -v g="$last_s" 'BEGIN {
	printf "  hipcoach %.0f MB/s, gpsbabel %.0f MB/s: hipcoach %.1fx faster\n", b / o / 1e6, b / g / 1e6, g / o }'
fresh
