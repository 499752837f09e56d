# Importing hostile and odd files: each ends as "FILE: reason" and the import goes on. A
# compression bomb, nesting past 32 levels, a FIT file of 1,000 sessions, runs dated after the
# clock, a FIFO, symbolic link loops, files an export's activities.csv does not list, and an
# activities.csv with a quote left open.
python3 - <<'EOF'
import gzip, os, struct

def fit_sessions(n):
    define = bytes([0x40, 0, 0]) + struct.pack("<H", 18) + bytes([1, 253, 4, 0x86])
    msgs = define + (b"\x00" + struct.pack("<I", 1000000000)) * n
    return struct.pack("<BBHI4sH", 14, 0x20, 2132, len(msgs), b".FIT", 0) + msgs + b"\0\0"

def gpx(day, hour):
    pts = "".join('<trkpt lat="%.6f" lon="13.4"><time>%sT%02d:%02d:%02dZ</time></trkpt>'
                  % (52.5 + i * 0.00004, day, hour, i // 60, i % 60) for i in range(900))
    return ('<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
            '<trk><type>running</type><trkseg>%s</trkseg></trk></gpx>' % pts)

with gzip.open("bomb.gpx.gz", "wb", 9) as f:
    f.write(b"<gpx>" + b" " * (32 << 20))
open("nested.tcx", "w").write("<TrainingCenterDatabase>" + "<Activities>" * 40)
open("sessions.fit", "wb").write(fit_sessions(1000))
open("tomorrow.gpx", "w").write(gpx("2026-12-20", 7))
open("tonight.gpx", "w").write(gpx("2026-12-08", 19))
EOF
run hipcoach import bomb.gpx.gz nested.tcx sessions.fit tomorrow.gpx tonight.gpx
mkfifo pipe.gpx
run hipcoach import pipe.gpx
# A folder with two symbolic links to its parent is walked once, and a FIFO in it is named.
mkdir -p loops/sub
cp "$TOP/tests/data/two-tracks.gpx" loops/sub/
ln -s .. loops/sub/l1
ln -s .. loops/sub/l2
mkfifo loops/sub/pipe.fit
printf 'notes\n' > loops/sub/notes.txt
run hipcoach import loops
# An export folder: a FIFO named in activities.csv, a watch file and a damaged file it does not
# list, and a row whose quote is not closed.
python3 "$TOP/tools/gen-export.py" --count 8 --seed 11 --out gen > /dev/null
first=$(sed -n 2p gen/export/activities.csv | sed 's/.*\(activities\/[0-9]*\.[a-z.]*\).*/\1/')
rm "gen/export/$first"
mkfifo "gen/export/$first"
cp "$TOP/tests/data/treadmill.tcx" gen/export/activities/watch.tcx
printf '<gpx><trk>' > gen/export/activities/cut.gpx
python3 - <<'EOF'
p = "gen/export/activities.csv"
lines = open(p).read().split("\n")
head, sep, tail = lines[5].partition('",')
head2, sep2, tail2 = tail.partition('",')
lines[5] = head + sep + head2 + "," + tail2
open(p, "w").write("\n".join(lines))
EOF
run hipcoach import gen/export
sql "SELECT count(*) FROM runs WHERE source LIKE '%watch.tcx'"
# The other sports are counted as stored: a ride already there is a duplicate, not a ride.
python3 - <<'EOF'
def trk(kind, day, n):
    pts = "".join('<trkpt lat="%.6f" lon="13.4"><time>%sT07:%02d:%02dZ</time></trkpt>'
                  % (52.5 + i * 0.0001, day, i // 60, i % 60) for i in range(n))
    return "<trk><type>%s</type><trkseg>%s</trkseg></trk>" % (kind, pts)
head = '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
open("ride.gpx", "w").write(head + trk("cycling", "2025-05-01", 1200) + "</gpx>")
open("ride-walk.gpx", "w").write(head + trk("cycling", "2025-05-01", 1200)
                                  + trk("walking", "2025-05-02", 1200) + "</gpx>")
EOF
run hipcoach import ride.gpx
run hipcoach import ride-walk.gpx
