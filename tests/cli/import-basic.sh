# Importing: a Strava export (zip and folder), single files, damaged files reported and skipped,
# duplicates recognised across formats and on re-import, non-runs kept apart.
python3 "$TOP/tools/gen-export.py" --count 24 --seed 7 --damaged 2 --out gen > /dev/null
run hipcoach import gen/export.zip
run hipcoach import gen/export.zip
# The unpacked folder holds the same activities; its files are then registered, so a third
# import does not even read them.
run hipcoach import gen/export
run hipcoach import gen/export
sql "SELECT count(*) FROM import_files"
sql "SELECT sport, count(*) FROM runs GROUP BY sport ORDER BY sport"
# Single files, plain and gzipped; a damaged one and a missing one are skipped with reasons.
cp "$TOP/tests/data/run-stop.gpx" "$TOP/tests/data/treadmill.tcx" "$TOP/tests/data/damaged.gpx" .
gzip -c run-stop.gpx > copy.gpx.gz
run hipcoach import run-stop.gpx treadmill.tcx damaged.gpx nope.fit
run hipcoach import copy.gpx.gz
printf 'not an activity\n' > notes.txt
run hipcoach import notes.txt
run hipcoach runs --since 2022-01-01
run hipcoach runs --since 2022-10-06 --all --json
run hipcoach runs --since 2022-13-01
run hipcoach import
