#!/bin/sh
# Hostile files and killed writers: what a runner's disk can do to hipcoach, and what hipcoach must
# do back. Every case is made here by a script: a run killed with SIGKILL over and over (pain, a
# logged session, a guided session in line mode, a backup), a full disk (a small tmpfs, when this
# may mount one), a damaged database (200 flipped bytes), an empty one, a read-only folder, a
# symbolic link planted at the backup's old temporary name, the modes of written files, temporary
# files left by a killed run, and a second writer while one holds the database.
# Asserts: the message names the real cause, integrity_check says ok, nothing committed is lost,
# peak memory stays bounded. Exit 0 when all pass, 1 otherwise.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
HC=$top/hipcoach
[ -x "$HC" ] || { echo "build hipcoach first (make)"; exit 1; }
work=$(mktemp -d)
mnt=
cleanup() {
	[ -n "$mnt" ] && umount "$mnt" 2>/dev/null
	chmod -R u+w "$work" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
cd "$work" || exit 1
chmod 755 "$work" # another user must reach the read-only folder below
export HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8 HIPCOACH_TIME_SCALE=1000
unset XDG_DATA_HOME HIPCOACH_PROGRAM
export HOME="$work"

# Peak resident memory any single command here may use (a year of history is ~11 MB).
RSS_MAX_KB=65536
KILLS=${TORTURE_KILLS:-25}

passed=0 failed=0 skipped=0
ok() {
	passed=$((passed + 1))
	echo "ok    $*"
}
bad() {
	failed=$((failed + 1))
	echo "FAIL  $*"
}
skip() {
	skipped=$((skipped + 1))
	echo "skip  $*"
}
# check STATUS NAME: ok when the condition just tested held (STATUS 0).
check() {
	if [ "$1" = 0 ]; then ok "$2"; else bad "$2"; fi
}
# hc OUT CMD...: runs hipcoach, its output (both streams) in OUT; sets rc.
hc() {
	out=$1
	shift
	"$HC" "$@" > "$out" 2>&1
	rc=$?
}
integrity() {
	[ "$(sqlite3 -batch "$1" 'PRAGMA integrity_check; PRAGMA foreign_key_check' 2>&1)" = ok ]
}
count() {
	sqlite3 -batch "$1" "SELECT count(*) FROM $2"
}
# A fraction of a second between 0 and $1, differing per call.
rnd_seed=1
delay() {
	rnd_seed=$((rnd_seed + 1))
	awk -v s=$rnd_seed -v m="$1" 'BEGIN { srand(s); printf "%.3f", rand() * m }'
}
# kill_one SECONDS CMD...: starts hipcoach, kills it with SIGKILL after SECONDS; rc is its exit
# status (137 when killed, else what it returned).
kill_one() {
	d=$1
	shift
	"$HC" "$@" > /dev/null 2>&1 < /dev/null &
	pid=$!
	sleep "$d"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	rc=$?
}
# A year of history: sessions, results, pain and runs, as one runner's record.
make_history() {
	HIPCOACH_DB=$1 "$HC" setup --level beginner --equipment mat,band,step,chair \
		--strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null 2>&1
	python3 "$top/bench/plan/history.py" "$1" 1 > /dev/null
}

echo "== killed writers"
db=$work/kill.db
export HIPCOACH_DB=$db
"$HC" setup --level beginner > /dev/null && "$HC" check --none > /dev/null
# Pain check-ins and logged sessions: each is one transaction, there whole or not at all.
for what in pain session; do
	table=pain
	[ $what = session ] && table=sessions
	before=$(count "$db" $table) done_ok=0 i=0
	while [ $i -lt "$KILLS" ]; do
		if [ $what = pain ]; then
			kill_one "$(delay 0.06)" log pain $((i % 11)) --when now
		else
			kill_one "$(delay 0.08)" log session --kind stretch --pain-after 1
		fi
		[ $rc = 0 ] && done_ok=$((done_ok + 1))
		if ! integrity "$db"; then
			bad "kill -9 during log $what: integrity_check after kill $i"
			break
		fi
		i=$((i + 1))
	done
	got=$(($(count "$db" $table) - before))
	[ "$got" -ge "$done_ok" ] && [ "$got" -le "$KILLS" ]
	check $? "kill -9 during log $what ($KILLS runs, $done_ok finished, $got kept): none lost, none doubled"
done
# A logged session and its results are one write: no session without its sets.
[ "$(sqlite3 "$db" "SELECT count(*) FROM sessions s WHERE s.kind = 'stretch' AND NOT EXISTS (SELECT 1 FROM results r WHERE r.session_id = s.id)")" = 0 ]
check $? "kill -9 during log session: every kept session has its results"
# A guided session in line mode, killed at any moment: what was saved stays saved.
results=$(count "$db" results) shrank=0 i=0
while [ $i -lt "$KILLS" ]; do
	yes '' | "$HC" start strength > /dev/null 2>&1 &
	sleep "$(delay 0.9)"
	kill -9 $! 2> /dev/null
	wait 2> /dev/null
	if ! integrity "$db"; then
		bad "kill -9 during a guided session: integrity_check after kill $i"
		break
	fi
	now=$(count "$db" results)
	[ "$now" -lt "$results" ] && shrank=1
	results=$now
	i=$((i + 1))
done
[ $shrank = 0 ]
check $? "kill -9 during a guided session ($KILLS runs, $results sets kept): integrity ok, no saved set lost"
# The backup, killed while writing: never a half file, no temporary file left after the next run.
make_history "$work/hist.db"
export HIPCOACH_DB=$work/hist.db
"$HC" export json -o backup.json > /dev/null
good=$(md5sum < backup.json)
i=0 half=0
while [ $i -lt "$KILLS" ]; do
	kill_one "$(delay 0.3)" export json -o backup.json
	[ "$(md5sum < backup.json)" = "$good" ] || half=1
	i=$((i + 1))
done
[ $half = 0 ]
check $? "kill -9 during export json: backup.json is always the whole backup"
"$HC" export json -o backup.json > /dev/null
[ -z "$(find . -maxdepth 1 -name '*.tmp')" ]
check $? "stale temporary files of killed exports removed by the next one"
# A first run killed while creating the database: no database, or a whole one; never an empty file.
i=0 empty=0
while [ $i -lt "$KILLS" ]; do
	rm -f new.db
	HIPCOACH_DB=$work/new.db
	kill_one "$(delay 0.05)" setup --level beginner
	if [ -e new.db ] && { [ ! -s new.db ] || ! integrity new.db; }; then empty=1; fi
	i=$((i + 1))
done
HIPCOACH_DB=$work/new.db "$HC" setup --level beginner > /dev/null
[ $empty = 0 ]
check $? "kill -9 during the first setup: never an empty or broken database"
[ -z "$(find . -maxdepth 1 -name '.new.db.*')" ]
check $? "... and no temporary database left"

echo "== memory"
for cmd in "export json -o mem.json" "export csv -o mem.csv" "status" "log pain 2" \
	"log session --kind strength"; do
	# shellcheck disable=SC2086
	kb=$(/usr/bin/time -v "$HC" $cmd 2>&1 > /dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p')
	[ "${kb:-999999999}" -le $RSS_MAX_KB ]
	check $? "peak RSS of '$cmd' on a year of history: ${kb:-?} KB (at most $RSS_MAX_KB)"
done

echo "== modes and links"
rm -f backup.json
hc out export json -o backup.json
[ "$(stat -c %a backup.json)" = 600 ]
check $? "export json writes the backup 0600"
hc out export csv -o log.csv
[ "$(stat -c %a log.csv)" = 600 ]
check $? "export csv writes 0600"
hc out handout -o handout.pdf
[ "$(stat -c %a handout.pdf)" = 600 ]
check $? "handout writes 0600"
hc out handout -o shared.pdf --shared
[ "$(stat -c %a shared.pdf)" = 644 ]
check $? "handout --shared writes 0644"
hc out report -o report.pdf
[ "$(stat -c %a report.pdf)" = 600 ]
check $? "report writes 0600"
[ "$(HIPCOACH_DB= XDG_DATA_HOME=$work/xdg "$HC" setup --level beginner > /dev/null && stat -c %a xdg/hipcoach xdg/hipcoach/hipcoach.db | tr '\n' ' ')" = "700 600 " ]
check $? "the database is 0600 in a 0700 folder"
echo "do not overwrite" > victim
ln -s "$work/victim" backup.json.tmp
ln -s "$work/victim" .backup.json.AbCdEf.tmp
ln -sf "$work/victim" linked.json
hc out export json -o backup.json
[ "$(cat victim)" = "do not overwrite" ]
check $? "a link planted at backup.json.tmp is not followed"
hc out export json -o linked.json
[ "$(cat victim)" = "do not overwrite" ] && [ -f linked.json ] && [ ! -L linked.json ]
check $? "a link at the output itself is replaced, not written through"
echo stale > .backup.json.XyZ123.tmp
flock .backup.json.Live00.tmp sleep 3 &
sleep 0.3
hc out export json -o backup.json
[ ! -e .backup.json.XyZ123.tmp ] && [ -e .backup.json.Live00.tmp ]
check $? "a stale temporary file is removed, a live writer's is left alone"
wait
rm -f .backup.json.Live00.tmp

echo "== a damaged database"
cp hist.db damaged.db
# 200 bytes flipped in the second half of the file (data pages, past the schema), more until
# SQLite's own check sees the damage.
size=$(stat -c %s damaged.db) round=0
while [ $round -lt 10 ]; do
	python3 - damaged.db "$size" $round << 'EOF'
import random, sys
path, size, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
with open(path, "r+b") as f:
    for _ in range(200):
        f.seek(rng.randrange(size // 2, size))
        f.write(bytes([rng.randrange(256)]))
EOF
	[ "$(sqlite3 damaged.db 'PRAGMA quick_check' 2>&1)" != ok ] && break
	round=$((round + 1))
done
export HIPCOACH_DB=$work/damaged.db
sum=$(md5sum < damaged.db)
hc out log pain 4
[ $rc = 1 ] && grep -q "is damaged" out
check $? "log pain on a damaged database fails, saying it is damaged"
grep -q "import-backup" out && grep -q "recover" out
check $? "... and says how to recover (.recover, the last backup)"
hc out log session --kind stretch
[ $rc = 1 ] && grep -q "is damaged" out
check $? "log session on a damaged database fails"
rm -f damaged.json
hc out export json -o damaged.json
[ $rc = 1 ] && grep -q "is damaged" out && [ ! -e damaged.json ]
check $? "export json of a damaged database refuses and says so, writes no backup"
[ "$(md5sum < damaged.db)" = "$sum" ]
check $? "the damaged database was not written to"
sed -n 1p out

echo "== an empty database"
: > empty.db
export HIPCOACH_DB=$work/empty.db
hc out log pain 3
[ $rc = 1 ] && [ ! -s empty.db ]
check $? "a 0-byte database is not silently re-created"
grep -q "is empty (0 bytes)" out
check $? "... and the message says it is empty"

echo "== writers wait"
export HIPCOACH_DB=$work/kill.db
before=$(count "$db" pain)
{
	echo "BEGIN IMMEDIATE;"
	sleep 8
	echo "COMMIT;"
} | sqlite3 "$db" &
holder=$!
sleep 0.5
start=$(date +%s%N)
hc out log pain 5
ms=$((($(date +%s%N) - start) / 1000000))
[ $rc = 1 ] && [ $ms -ge 4900 ] && [ $ms -lt 7500 ]
check $? "a second writer waits about 5 s (${ms} ms), then fails"
grep -q "is busy: 'sqlite3 .*(pid [0-9]*) is writing to it" out
check $? "... saying the database is busy and which command holds it"
sed -n 1p out
wait $holder
{
	echo "BEGIN IMMEDIATE;"
	sleep 1.5
	echo "COMMIT;"
} | sqlite3 "$db" &
holder=$!
sleep 0.3
hc out log pain 5
[ $rc = 0 ] && [ "$(count "$db" pain)" = $((before + 1)) ]
check $? "a writer that waits less than 5 s goes through"
wait $holder
hc out status
[ $rc = 0 ]
check $? "reads work while nobody writes"

echo "== a read-only folder"
mkdir ro
HIPCOACH_DB=$work/ro/h.db "$HC" setup --level beginner > /dev/null
HIPCOACH_DB=$work/ro/h.db "$HC" log pain 2 > /dev/null
as=
if [ "$(id -u)" = 0 ]; then
	# root writes anywhere: the folder belongs to another user, who runs hipcoach.
	if command -v setpriv > /dev/null && id nobody > /dev/null 2>&1; then
		chown -R nobody ro
		as="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
	fi
fi
if [ "$(id -u)" = 0 ] && [ -z "$as" ]; then
	skip "read-only folder: running as root without setpriv or the user nobody"
else
	chmod 555 ro
	sum=$(md5sum < ro/h.db)
	$as env HIPCOACH_DB="$work/ro/h.db" "$HC" status > out 2>&1
	[ $? = 0 ] && grep -q "How it's going" out
	check $? "status in a read-only folder still reads"
	$as env HIPCOACH_DB="$work/ro/h.db" "$HC" log pain 4 > out 2>&1
	[ $? = 1 ] && grep -q "the folder '$work/ro' is read-only" out
	check $? "log pain in a read-only folder fails, naming the folder"
	sed -n 1p out
	$as env HIPCOACH_DB="$work/ro/h.db" "$HC" export json -o "$work/ro/b.json" > out 2>&1
	[ $? = 1 ] && grep -q "the folder '$work/ro' is read-only" out
	check $? "export json into a read-only folder names the folder"
	[ "$(md5sum < ro/h.db)" = "$sum" ] && [ "$(ls -A ro)" = h.db ]
	check $? "nothing changed in the read-only folder"
	chmod 755 ro
fi

echo "== a full disk"
mnt=$work/small
mkdir "$mnt"
if ! mount -t tmpfs -o size=512k,mode=0700 tmpfs "$mnt" 2> /dev/null; then
	mnt=
	skip "full disk: cannot mount a small tmpfs here (needs root)"
else
	export HIPCOACH_DB=$mnt/h.db
	"$HC" setup --level beginner > /dev/null && "$HC" log pain 3 > /dev/null
	n=$(count "$HIPCOACH_DB" pain)
	head -c 2000000 /dev/zero > "$mnt/filler" 2> /dev/null
	hc out log pain 4
	[ $rc = 1 ] && grep -q "is full" out
	check $? "log pain on a full disk fails, saying the disk is full"
	sed -n 1p out
	hc out status
	[ $rc = 0 ] && grep -q "How it's going" out
	check $? "status on a full disk still reads"
	hc out export json -o "$mnt/b.json"
	[ $rc = 1 ] && grep -q "the disk is full" out && [ -z "$(find "$mnt" -name '*.tmp' -o -name b.json)" ]
	check $? "export json to a full disk says the disk is full and leaves nothing"
	rm -f "$mnt/filler"
	hc out log pain 4
	[ $rc = 0 ] && [ "$(count "$HIPCOACH_DB" pain)" = $((n + 1)) ] && integrity "$HIPCOACH_DB"
	check $? "with space again, the next write works and nothing was lost"
	umount "$mnt"
	mnt=
fi

echo "files: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
