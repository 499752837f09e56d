# The backup holds everything; a round trip into a fresh database changes nothing, byte for byte.
run hipcoach setup --level heavy --equipment mat,step,chair,dumbbells --dumbbells 6,10,14 --strength-days tue,fri --name 'Priya "P" Shah'
run hipcoach check --none
run hipcoach log session --kind strength --date 2026-12-04 --pain-before 3 --pain-after 2
run hipcoach log session --kind stretch --pain-before 2
cp "$TOP/tests/data/run-laps.tcx" run-laps.tcx
run hipcoach import run-laps.tcx
# What no command writes yet, planted directly: progress, a clinician's note, a manual run
# with a name that needs quoting, a number that needs all 17 digits.
sqlite3 hipcoach.db "INSERT INTO progress VALUES ('squat', 4, 16.5, NULL, '2026-12-07T18:00:00Z', 'reps easy, 3 more in reserve');
INSERT INTO progress_log (at, exercise, change, reason) VALUES ('2026-12-07T18:00:00Z', 'squat', 'progress', 'reps easy');
INSERT INTO clearance (cleared_at, note) VALUES ('2026-12-02T09:00:00Z', 'Dr. Ng, \"fine to run\"
line two');
INSERT INTO runs (start, start_epoch, sport, distance_m, moving_s, elapsed_s, source) VALUES ('2026-12-06T08:00:00Z', 1796544000, 'running', 0.30000000000000004, 1800, 1900.5, 'manual, with a comma');
INSERT INTO pain (date, at, score, context, location, session_id) VALUES ('2026-12-05', '2026-12-05T07:10:00Z', 2, 'morning', 'outer', NULL), ('2026-12-08', '2026-12-08T07:20:00Z', 3, 'now', NULL, 1);
INSERT INTO psfs_items (name, created_at) VALUES ('running 10 km', '2026-12-01T08:00:00Z');
INSERT INTO psfs_scores (item_id, date, score) VALUES (1, '2026-12-01', 4);"
run hipcoach export json -o backup.json
sed -n '1,6p' backup.json
grep -c '^      {' backup.json
grep -A2 '"progress": \[' backup.json
grep -o '"distance_m": 0.30000000000000004' backup.json
# Into a fresh database: the same document comes out again, and the same rows.
run hipcoach --db fresh.db import-backup backup.json
run hipcoach --db fresh.db export json -o again.json
cmp backup.json again.json && echo "round trip: identical"
sqlite3 hipcoach.db .dump > a.sql
sqlite3 fresh.db .dump > b.sql
cmp a.sql b.sql && echo "databases: identical"
run hipcoach --db fresh.db setup --show
# A database that holds data is left alone unless --replace.
run hipcoach import-backup backup.json
run hipcoach log session --kind stretch --date 2026-12-07
run hipcoach import-backup --replace backup.json
hipcoach export json | cmp - backup.json && echo "replaced: identical"
# All or nothing: a bad row at the end leaves everything as it was.
sed 's/"score": 3, "context": "now"/"score": 11, "context": "now"/' backup.json > bad.json
sed -n 's/.*"score": 11.*/one bad row/p' bad.json
run hipcoach import-backup --replace bad.json
hipcoach export json | cmp - backup.json && echo "unchanged"
# Refusals: a newer format, a newer database, a column we do not know, not a backup at all.
sed 's/"version": 1,/"version": 2,/' backup.json > newer.json
run hipcoach --db new1.db import-backup newer.json
sed -E 's/"schema": [0-9]+,/"schema": 99,/' backup.json > newer-db.json
run hipcoach --db new2.db import-backup newer-db.json
sed 's/"sport": "running"/"colour": "red"/' backup.json > column.json
run hipcoach --db new3.db import-backup column.json
echo '{"level": "beginner"}' > other.json
run hipcoach --db new4.db import-backup other.json
echo '{"format": "hipcoach-backup", "version": 1, ' > broken.json
run hipcoach --db new5.db import-backup broken.json
run hipcoach --db new6.db import-backup missing.json
sql "SELECT count(*) FROM sessions"
# The log for a spreadsheet: sessions, their exercises, pain and runs in time order.
run hipcoach export csv
