#!/bin/sh
# Import speed on a generated ten-year export (3,000 activities, FIT/GPX/TCX, gzipped as Strava
# ships them) and the real large.fit: cold and repeated imports with peak memory, and the FIT
# and GPX files of the corpus against Garmin's FIT SDK and gpsbabel in the same run.
#   BENCH_IMPORT_COUNT (3000), BENCH_IMPORT_INTERVAL (1 s between track points, as watches record)
set -eu
cd "$(dirname "$0")/.."
count=${BENCH_IMPORT_COUNT:-3000}
interval=${BENCH_IMPORT_INTERVAL:-1}
work=build/bench/import
corpus=$work/corpus-$count-$interval
large=${BENCH_FIT_DATA:-../shared/testdata/fit-benchmarks}/large.fit
hc=$PWD/hipcoach

for tool in python3 node gpsbabel /usr/bin/time; do
	command -v $tool >/dev/null 2>&1 || { echo "bench/import: $tool is missing" >&2; exit 1; }
done
[ -x "$hc" ] || { echo "bench/import: build hipcoach first (make)" >&2; exit 1; }
mkdir -p $work
if [ ! -f $corpus/export.zip ]; then
	echo "generating the corpus ($count activities, a point every $interval s)..."
	python3 tools/gen-export.py --count "$count" --seed 1 --interval "$interval" --out $corpus >/dev/null
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
# timed LABEL CMD...: runs CMD (page cache warm), prints "LABEL  seconds  peak RSS".
timed() {
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o $work/time.txt "$@" >$work/out.txt 2>&1 || true
	set -- $(cat $work/time.txt | tail -n 1)
	printf '  %-34s %7.2f s  %6.1f MB peak  (%s)\n' "$label" "$1" "$(echo "$2" | awk '{print $1/1024}')" \
		"$(tail -n 1 $work/out.txt)"
	last_s=$1
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -srm)"
echo "date: $(date -u +%Y-%m-%d)"
echo "corpus: $count activities, zip $(($(bytes $corpus/export.zip) / 1000000)) MB, folder $(($(bytes $corpus/export) / 1000000)) MB"
cat $corpus/export.zip $corpus/export/activities/* $corpus/fit/* $corpus/gpx/* >/dev/null

db=$work/bench.db
fresh() { rm -f $db $db-wal $db-shm; }
echo "hipcoach import (one process, page cache warm):"
fresh
timed "zip, empty database" $hc --db $db import $corpus/export.zip
timed "zip again (all duplicates)" $hc --db $db import $corpus/export.zip
fresh
timed "folder, empty database" $hc --db $db import $corpus/export
timed "folder again (all duplicates)" $hc --db $db import $corpus/export
if [ -r "$large" ]; then
	cat "$large" >/dev/null
	fresh
	timed "large.fit ($(($(bytes "$large") / 1000)) kB)" $hc --db $db import "$large"
fi

echo "FIT files of the corpus ($(ls $corpus/fit | wc -l) files, $(($(bytes $corpus/fit) / 1000000)) MB uncompressed):"
fresh
timed "hipcoach import (decode + store)" $hc --db $db import $corpus/fit
ours=$last_s
sdk=$(node bench/import/sdk.mjs $corpus/fit)
sdk_s=$(echo "$sdk" | sed 's/.*"seconds":\([0-9.e-]*\).*/\1/')
fitmb=$(bytes $corpus/fit)
printf '  %-34s %7.2f s  (decode only, one node process)\n' "@garmin/fitsdk" "$sdk_s"
awk -v b="$fitmb" -v o="$ours" -v s="$sdk_s" 'BEGIN {
	printf "  hipcoach %.0f MB/s, FIT SDK %.0f MB/s: hipcoach %.1fx faster\n", b / o / 1e6, b / s / 1e6, s / o }'

echo "GPX files of the corpus ($(ls $corpus/gpx | wc -l) files, $(($(bytes $corpus/gpx) / 1000000)) MB):"
fresh
timed "hipcoach import (decode + store)" $hc --db $db import $corpus/gpx
ours=$last_s
set --
for f in $corpus/gpx/*.gpx; do set -- "$@" -f "$f"; done
timed "gpsbabel gpx -> unicsv" gpsbabel -i gpx "$@" -o unicsv -F /dev/null
gpxmb=$(bytes $corpus/gpx)
awk -v b="$gpxmb" -v o="$ours" -v g="$last_s" 'BEGIN {
	printf "  hipcoach %.0f MB/s, gpsbabel %.0f MB/s: hipcoach %.1fx faster\n", b / o / 1e6, b / g / 1e6, g / o }'
fresh
