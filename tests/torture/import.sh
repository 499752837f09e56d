#!/bin/sh
# Torture: hostile files for `hipcoach import`. Each is generated here, imported on its own, and
# must end as "FILE: reason" in the report, in bounded memory (peak RSS under 64 MB, measured by
# /usr/bin/time) and bounded time; then an import killed with SIGKILL again and again must leave
# a database that passes PRAGMA integrity_check and, once finished, holds every run.
#   tests/torture/import.sh        (from the top of the repository, after make)
# Exits 0 when every check passes, 1 on a failure, 77 when a tool it needs is missing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
hc=$top/hipcoach
for tool in python3 sqlite3 /usr/bin/time gzip timeout; do
	command -v "$tool" >/dev/null 2>&1 || { echo "import torture: $tool is missing (make deps)"; exit 77; }
done
[ -x "$hc" ] || { echo "import torture: build hipcoach first (make)"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
fail=0
rss_limit_kb=65536 # 64 MB
time_limit_s=20

ok() { echo "  ok    $*"; }
bad() { echo "  FAIL  $*"; fail=1; }

echo "import torture: generating hostile files"
python3 - <<'EOF' || exit 1
import gzip, os, struct, zlib

def fit(messages):
    """A FIT file around the data messages (header and file CRC left 0: not computed)."""
    header = struct.pack("<BBHI4sH", 14, 0x20, 2132, len(messages), b".FIT", 0)
    return header + messages + b"\0\0"

def fit_sessions(n):
    # Definition of local type 0: global 18 (session), one field: 253 timestamp, uint32.
    define = bytes([0x40, 0, 0]) + struct.pack("<H", 18) + bytes([1, 253, 4, 0x86])
    one = b"\x00" + struct.pack("<I", 1000000000)
    return fit(define + one * n)

os.makedirs("files", exist_ok=True)
# 1. Millions of nested tags in a small .gpx.gz: refused for its ratio, never inflated whole.
with gzip.open("files/deep.gpx.gz", "wb", compresslevel=9) as f:
    f.write(b'<?xml version="1.0"?><gpx version="1.1">')
    chunk = b"<a>" * (1 << 20)
    for _ in range(36):
        f.write(chunk)
# 2. Nesting deep enough for expat to hold it, under the ratio: the depth limit stops it.
with open("files/nested.gpx", "wb") as f:
    f.write(b'<?xml version="1.0"?><gpx version="1.1">' + b"<trk>" * 200000)
# 3. 40 million session messages in a .fit.gz, and 1 million in a plain 5 MB FIT.
with gzip.open("files/sessions.fit.gz", "wb", compresslevel=9) as f:
    f.write(fit_sessions(40 * 1000 * 1000))
with open("files/sessions.fit", "wb") as f:
    f.write(fit_sessions(1000 * 1000))
# 4. A zip holding one entry of 200 MB of zeros, and a .gpx inside it: refused from the zip's
# directory, before anything is inflated.
import zipfile
with zipfile.ZipFile("files/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("activities/bomb.gpx", "w", force_zip64=True) as w:
        block = b"\0" * (1 << 20)
        for _ in range(200):
            w.write(block)
# 5. A run dated in 2099.
pts = "".join(
    '<trkpt lat="%.6f" lon="13.4"><time>2099-06-01T07:%02d:%02dZ</time></trkpt>'
    % (52.5 + i * 0.00005, i // 60, i % 60) for i in range(600))
with open("files/future.gpx", "w") as f:
    f.write('<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
            "<trk><type>running</type><trkseg>%s</trkseg></trk></gpx>" % pts)
EOF
truncate -s 300M files/huge.gpx

# run NAME EXPECT PATH...: imports PATH into a new database, checks the report names
# EXPECT ("FILE: reason"), peak RSS and time.
run() {
	name=$1 expect=$2
	shift 2
	rm -f db.sqlite*
	start=$(date +%s)
	/usr/bin/time -f "%M" -o rss.txt timeout $time_limit_s "$hc" --db db.sqlite import "$@" \
		>out.txt 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	rss=$(tail -n 1 rss.txt)
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		bad "$name: did not finish within ${time_limit_s}s"
	elif ! grep -qF -- "$expect" out.txt; then
		bad "$name: the report does not say '$expect':"
		sed 's/^/        /' out.txt
	elif [ "$rss" -ge $rss_limit_kb ] 2>/dev/null; then
		bad "$name: peak RSS $((rss / 1024)) MB (limit 64 MB)"
	else
		ok "$name: '$expect' in ${secs}s, peak RSS $((rss / 1024)) MB"
	fi
}

echo "import torture: each hostile file ends as FILE: reason, under 64 MB"
run "deep-nested gpx.gz (36 M tags)" "files/deep.gpx.gz: it uncompresses to more than 100 times its size" files/deep.gpx.gz
run "nested gpx (200,000 levels)" "files/nested.gpx: line 1, column" files/nested.gpx
grep -q "nested more than 32 levels deep" out.txt || bad "nested gpx: the reason is not the depth"
run "fit.gz of 40 M session messages" "files/sessions.fit.gz: it uncompresses to more than 100 times its size" files/sessions.fit.gz
run "5 MB fit of 1 M session messages" "files/sessions.fit: more than 64 sessions in one FIT file" files/sessions.fit
run "zip with a 200 MB entry of zeros" "activities/bomb.gpx: file too large (200 MB; the limit is 64 MB)" files/bomb.zip
run "300 MB file (sparse)" "files/huge.gpx: file too large (300 MB; the limit is 64 MB)" files/huge.gpx
run "run dated in 2099" "files/future.gpx: dated in the future (2099-06-01): not stored" files/future.gpx

# Folders.
python3 "$top/tools/gen-export.py" --count 12 --seed 5 --out gen >/dev/null || exit 1
mkdir -p loops/sub
cp gen/export/activities/*.gpx loops/sub/ 2>/dev/null
ln -s .. loops/sub/l1
ln -s .. loops/sub/l2
run "folder with two symbolic link loops" "imported" loops

cp -r gen/export fifo
first=$(sed -n 2p fifo/activities.csv | sed 's/.*\(activities\/[0-9]*\.[a-z.]*\).*/\1/')
rm -f "fifo/$first"
mkfifo "fifo/$first"
run "FIFO named in activities.csv" "$first: not a regular file" fifo

cp -r gen/export unlisted
cp "$top/tests/data/run-stop.gpx" unlisted/activities/watch.gpx
printf '<gpx><trk><trkseg><trkpt lat="1" lon="2">' > unlisted/activities/broken.gpx
run "files activities.csv does not list" "unlisted/activities/broken.gpx: line" unlisted
grep -q "^imported" out.txt && ! grep -q "watch.gpx" out.txt &&
	sqlite3 db.sqlite "SELECT count(*) FROM runs WHERE source LIKE '%watch.gpx'" | grep -qx 1 &&
	ok "unlisted watch file stored" || bad "unlisted watch.gpx was not stored"

cp -r gen/export quote
python3 - <<'EOF'
p = "quote/activities.csv"
lines = open(p).read().split("\n")
# The name's closing quote goes: its quote stays open into the next rows.
head, sep, tail = lines[3].partition('",')
head2, sep2, tail2 = tail.partition('",')
lines[3] = head + sep + head2 + "," + tail2
open(p, "w").write("\n".join(lines))
EOF
run "activities.csv with a quote left open" "line 4: a quote is not closed" quote

# Kill -9 in the middle of imports: the database stays whole, and nothing is lost.
echo "import torture: SIGKILL during an import, 12 times"
python3 "$top/tools/gen-export.py" --count 150 --seed 9 --out big >/dev/null || exit 1
rm -f ref.sqlite* db.sqlite*
"$hc" --db ref.sqlite import big/export.zip >/dev/null 2>&1
want=$(sqlite3 ref.sqlite "SELECT count(*) FROM runs")
i=0
while [ $i -lt 12 ]; do
	"$hc" --db db.sqlite import big/export.zip >/dev/null 2>&1 &
	pid=$!
	sleep "0.$((i * 7 % 10))$((i % 10))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	# Killed before the database was made: there is nothing to check (and sqlite3 would leave an
	# empty file behind, which hipcoach rightly refuses).
	if [ -e db.sqlite ]; then
		check=$(sqlite3 db.sqlite "PRAGMA integrity_check" 2>&1)
		[ "$check" = ok ] || { bad "integrity_check after kill $i: $check"; break; }
	fi
	i=$((i + 1))
done
"$hc" --db db.sqlite import big/export.zip >/dev/null 2>&1
got=$(sqlite3 db.sqlite "SELECT count(*) FROM runs")
check=$(sqlite3 db.sqlite "PRAGMA integrity_check" 2>&1)
if [ "$check" = ok ] && [ "$got" = "$want" ] && [ "$want" -gt 0 ]; then
	ok "after 12 kills and one last import: integrity ok, $got runs as a clean import ($want)"
else
	bad "after the kills: integrity '$check', $got runs where a clean import has $want"
fi

[ $fail = 0 ] && echo "import torture: all passed" || echo "import torture: FAILED"
exit $fail
