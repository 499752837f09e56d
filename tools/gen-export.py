#!/usr/bin/env python3
"""Writes a Strava-like bulk export (folder and .zip) of N synthetic activities, for tests and benchmarks.

    tools/gen-export.py --count 3000 --seed 1 --out build/export
        -> build/export/export/        activities.csv + activities/*
           build/export/export.zip     the same, as Strava ships it
           build/export/expected.json  what an importer must find

Deterministic for a given seed. Activities span ten years (2016-2025): runs
(Run, Trail Run, Virtual Run), rides, walks and hikes; files are .fit.gz,
.gpx, .gpx.gz and .tcx.gz (FIT written by a small encoder below, checked
against Garmin's FIT SDK in tests); some rows are manual entries without a
file, and --damaged files are broken on purpose (truncated gzip, cut XML,
FIT garbage). --csv-last puts activities.csv at the end of the zip, as some
exports do, so a reader must hold files until the csv arrives. --locale de
writes German headers, dotted dates and decimal commas, as localized
exports do. --interval sets seconds between track points (default 5; real
watches record every second, which makes exports ~5x larger).

Python 3 standard library only.
"""
import argparse
import gzip
import io
import json
import math
import os
import random
import shutil
import struct
import zipfile

R = 6371008.8
FIT_EPOCH = 631065600
START = 1451606400  # 2016-01-01T00:00:00Z
SPAN = 10 * 365 * 86400
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HEADER_EN = ("Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,"
             "Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,"
             "Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,"
             "Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,"
             "Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,"
             "Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories")
HEADER_DE = ("Aktivitäts-ID,Datum der Aktivität,Name der Aktivität,Aktivitätsart,"
             "Beschreibung der Aktivität,Verstrichene Zeit,Distanz,Max. Herzfrequenz,"
             "Relative Leistung,Pendeln,Private Notiz zur Aktivität,Aktivitätsausrüstung,Dateiname,"
             "Sportlergewicht,Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,Distanz,"
             "Max. Geschwindigkeit,Durchschnittsgeschwindigkeit,Höhenzunahme,Höhenabnahme,"
             "Minimale Höhe,Maximale Höhe,Max. Steigung,Durchschnittliche Steigung,"
             "Durchschnittliche positive Steigung,Durchschnittliche negative Steigung,"
             "Max. Trittfrequenz,Durchschnittliche Trittfrequenz,Max. Herzfrequenz,"
             "Durchschnittliche Herzfrequenz,Max. Watt,Durchschnittliche Watt,Kalorien")
TYPES_DE = {"Run": "Lauf", "Trail Run": "Trail Run", "Virtual Run": "Virtual Run",
            "Ride": "Radfahrt", "Walk": "Spaziergang", "Hike": "Wandern"}


def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def strava_date(t, locale):
    import time
    g = time.gmtime(t)
    if locale == "de":
        return "%d.%d.%d, %02d:%02d:%02d" % (g.tm_mday, g.tm_mon, g.tm_year, g.tm_hour,
                                              g.tm_min, g.tm_sec)
    h = g.tm_hour % 12 or 12
    return "%s %d, %d, %d:%02d:%02d %s" % (MONTHS[g.tm_mon - 1], g.tm_mday, g.tm_year, h,
                                            g.tm_min, g.tm_sec, "PM" if g.tm_hour >= 12 else "AM")


def track(rng, start, sport, interval):
    """Points (t, lat, lon, ele, hr, dist) and totals; one stop in some runs."""
    speed = {"Ride": 7.5, "Walk": 1.4, "Hike": 1.2}.get(sport, rng.uniform(2.6, 3.6))
    duration = int(rng.uniform(1500, 4200)) if sport != "Ride" else int(rng.uniform(2400, 7200))
    lat, lon = rng.choice([(48.8566, 2.3522), (45.764, 4.8357), (46.2044, 6.1432)])
    lat += rng.uniform(-0.05, 0.05)
    lon += rng.uniform(-0.05, 0.05)
    heading = rng.uniform(0, 2 * math.pi)
    ele = rng.uniform(50, 600)
    stop_at = rng.uniform(0.3, 0.7) * duration if rng.random() < 0.4 else -1
    stop_len = rng.randint(30, 90)
    pts, dist, moving, ascent, last_ele = [], 0.0, 0, 0.0, ele
    t = 0
    while t <= duration:
        stopped = 0 <= stop_at <= t < stop_at + stop_len
        if t:
            if not stopped:
                v = speed * rng.uniform(0.9, 1.1)
                d = v * interval
                heading += rng.uniform(-0.3, 0.3)
                lat += d * math.cos(heading) / R * 180 / math.pi
                lon += d * math.sin(heading) / (R * math.cos(math.radians(lat))) * 180 / math.pi
                dist += d
                moving += interval
                ele += rng.uniform(-1.5, 1.6)
                if ele > last_ele:
                    ascent += ele - last_ele
                last_ele = ele
        hr = int(100 + 50 * min(1, t / 600.0) + rng.uniform(-5, 5)) if not stopped else 110
        pts.append((start + t, lat, lon, ele, hr, dist))
        t += interval
    elapsed = pts[-1][0] - start
    hrs = [p[4] for p in pts]
    return pts, {"distance": dist, "elapsed": elapsed, "moving": moving, "ascent": ascent,
                 "avg_hr": sum(hrs) / len(hrs), "max_hr": max(hrs)}


def gpx(pts, sport, strava_numeric):
    t = {"Run": "running", "Trail Run": "running", "Virtual Run": "running", "Ride": "cycling",
         "Walk": "walking", "Hike": "hiking"}[sport]
    if strava_numeric:
        t = {"running": "9", "cycling": "1", "walking": "10", "hiking": "4"}[t]
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<gpx creator="StravaGPX" version="1.1" '
           'xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
           ' <trk>\n  <name>%s</name>\n  <type>%s</type>\n  <trkseg>\n' % (sport, t)]
    for (tt, lat, lon, ele, hr, _) in pts:
        out.append('   <trkpt lat="%.7f" lon="%.7f">\n    <ele>%.1f</ele>\n    <time>%s</time>\n'
                   '    <extensions>\n     <gpxtpx:TrackPointExtension>\n      <gpxtpx:hr>%d'
                   '</gpxtpx:hr>\n     </gpxtpx:TrackPointExtension>\n    </extensions>\n'
                   '   </trkpt>\n' % (lat, lon, ele, iso(tt), hr))
    out.append('  </trkseg>\n </trk>\n</gpx>\n')
    # Strava's own files begin with whitespace before <?xml.
    return ("\n" + "".join(out)).encode()


def tcx(pts, sport, tot):
    s = {"Ride": "Biking"}.get(sport, "Running" if "Run" in sport else "Other")
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
           'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">\n <Activities>\n'
           '  <Activity Sport="%s">\n   <Id>%s</Id>\n   <Lap StartTime="%s">\n'
           '    <TotalTimeSeconds>%d</TotalTimeSeconds>\n    <DistanceMeters>%.1f</DistanceMeters>\n'
           '    <AverageHeartRateBpm><Value>%d</Value></AverageHeartRateBpm>\n'
           '    <MaximumHeartRateBpm><Value>%d</Value></MaximumHeartRateBpm>\n    <Track>\n'
           % (s, iso(pts[0][0]), iso(pts[0][0]), tot["moving"], tot["distance"],
              round(tot["avg_hr"]), tot["max_hr"])]
    for (tt, lat, lon, ele, hr, d) in pts:
        out.append('     <Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.7f'
                   '</LatitudeDegrees><LongitudeDegrees>%.7f</LongitudeDegrees></Position>'
                   '<AltitudeMeters>%.1f</AltitudeMeters><DistanceMeters>%.1f</DistanceMeters>'
                   '<HeartRateBpm><Value>%d</Value></HeartRateBpm></Trackpoint>\n'
                   % (iso(tt), lat, lon, ele, d, hr))
    out.append('    </Track>\n   </Lap>\n  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n')
    return "".join(out).encode()


# ---- a minimal FIT encoder (FORMATS.md): file_id, records, lap, session, activity ----

def _crc_table():
    """FIT's CRC-16 (polynomial 0xA001, reflected) a byte at a time: the same sums as the SDK's
    nibble table, four times fewer steps."""
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0xA001 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = _crc_table()


def fit_crc(data, crc=0):
    table = CRC_TABLE
    for b in data:
        crc = (crc >> 8) ^ table[(crc ^ b) & 0xFF]
    return crc


FMT = {0x00: "B", 0x02: "B", 0x84: "H", 0x85: "i", 0x86: "I", 0x8C: "I"}


def fit_file(pts, sport, tot, serial):
    sport_enum, sub = {"Run": (1, 0), "Trail Run": (1, 3), "Virtual Run": (1, 0),
                       "Ride": (2, 0), "Walk": (11, 0), "Hike": (17, 0)}[sport]
    body = io.BytesIO()

    def define(local, glob, fields):
        body.write(struct.pack("<BBBHB", 0x40 | local, 0, 0, glob, len(fields)))
        for num, base in fields:
            body.write(struct.pack("<BBB", num, struct.calcsize(FMT[base]), base))

    def data(local, fields, values):
        body.write(struct.pack("<B", local))
        for (num, base), v in zip(fields, values):
            body.write(struct.pack("<" + FMT[base], v))

    def ft(t):
        return t - FIT_EPOCH

    t0, t1 = pts[0][0], pts[-1][0]
    file_id = [(0, 0x00), (1, 0x84), (2, 0x84), (3, 0x8C), (4, 0x86)]
    define(0, 0, file_id)
    data(0, file_id, [4, 255, 0, serial, ft(t0)])
    rec = [(253, 0x86), (0, 0x85), (1, 0x85), (5, 0x86), (2, 0x84), (3, 0x02)]
    define(1, 20, rec)
    # The records, the bulk of a file, packed by one precompiled layout (local message 1).
    rec_struct = struct.Struct("<B" + "".join(FMT[base] for _, base in rec))
    body.write(b"".join(
        rec_struct.pack(1, ft(tt), int(round(lat * 2 ** 31 / 180)),
                        int(round(lon * 2 ** 31 / 180)), int(round(d * 100)),
                        int(round((ele + 500) * 5)), hr)
        for (tt, lat, lon, ele, hr, d) in pts))
    lap = [(253, 0x86), (2, 0x86), (7, 0x86), (8, 0x86), (9, 0x86)]
    define(2, 19, lap)
    data(2, lap, [ft(t1), ft(t0), tot["elapsed"] * 1000, tot["moving"] * 1000,
                  int(round(tot["distance"] * 100))])
    ses = [(253, 0x86), (2, 0x86), (5, 0x00), (6, 0x00), (7, 0x86), (8, 0x86), (9, 0x86),
           (16, 0x02), (17, 0x02), (22, 0x84)]
    define(3, 18, ses)
    data(3, ses, [ft(t1), ft(t0), sport_enum, sub, tot["elapsed"] * 1000, tot["moving"] * 1000,
                  int(round(tot["distance"] * 100)), int(round(tot["avg_hr"])), tot["max_hr"],
                  int(round(tot["ascent"]))])
    act = [(253, 0x86), (0, 0x86), (1, 0x84), (2, 0x00), (3, 0x00), (4, 0x00)]
    define(4, 34, act)
    data(4, act, [ft(t1), tot["moving"] * 1000, 1, 0, 26, 1])
    records = body.getvalue()
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(records), b".FIT")
    header += struct.pack("<H", fit_crc(header))
    out = header + records
    return out + struct.pack("<H", fit_crc(out))


def damage(rng, name, blob):
    """Breaks a file the way real exports do: cut short, or overwritten."""
    if name.endswith(".gz"):
        return blob[: len(blob) // 2]  # truncated gzip
    if name.endswith(".gpx") or name.endswith(".tcx"):
        return blob[: len(blob) // 3]  # XML cut in the middle of a tag
    return b"\0" * len(blob)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--interval", type=int, default=5)
    ap.add_argument("--damaged", type=int, default=2)
    ap.add_argument("--manual", type=float, default=0.08, help="share of rows without a file")
    ap.add_argument("--csv-last", action="store_true")
    ap.add_argument("--locale", choices=["en", "de"], default="en")
    ap.add_argument("--no-zip", action="store_true")
    a = ap.parse_args()

    rng = random.Random(a.seed)
    folder = os.path.join(a.out, "export")
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "activities"))
    starts = sorted(START + rng.randrange(SPAN) for _ in range(a.count))
    rows, files = [], []
    exp = {"activities": a.count, "runs": 0, "other_sports": 0, "manual": 0, "damaged": 0,
           "files": {"fit.gz": 0, "gpx": 0, "gpx.gz": 0, "tcx.gz": 0}, "damaged_files": [],
           "run_distance_m": 0.0}
    with_file = [i for i in range(a.count)]
    rng2 = random.Random(a.seed + 1)
    manual = set(i for i in with_file if rng2.random() < a.manual)
    file_idx = [i for i in range(a.count) if i not in manual]
    damaged = set(rng2.sample(file_idx, min(a.damaged, len(file_idx))))
    for i, start in enumerate(starts):
        r = rng.random()
        sport = ("Run" if r < 0.6 else "Trail Run" if r < 0.67 else "Virtual Run" if r < 0.7
                 else "Ride" if r < 0.85 else "Walk" if r < 0.95 else "Hike")
        is_run = "Run" in sport
        exp["runs" if is_run else "other_sports"] += 1
        pts, tot = track(rng, start, sport, a.interval)
        aid = 1000000000 + 7919 * i
        fname = ""
        if i in manual:
            exp["manual"] += 1
        else:
            k = rng.random()
            kind = "fit.gz" if k < 0.5 else "gpx" if k < 0.7 else "gpx.gz" if k < 0.85 else "tcx.gz"
            fname = "activities/%d.%s" % (aid, kind)
            exp["files"][kind] += 1
            if kind == "fit.gz":
                blob = gzip.compress(fit_file(pts, sport, tot, aid & 0xFFFFFFF), mtime=0)
            elif kind == "gpx":
                blob = gpx(pts, sport, rng.random() < 0.5)
            elif kind == "gpx.gz":
                blob = gzip.compress(gpx(pts, sport, rng.random() < 0.5), mtime=0)
            else:
                blob = gzip.compress(tcx(pts, sport, tot), mtime=0)
            if i in damaged:
                blob = damage(rng, fname, blob)
                exp["damaged"] += 1
                exp["damaged_files"].append(fname)
            files.append((fname, blob))
        if is_run and i not in damaged:
            exp["run_distance_m"] += round(tot["distance"], 1)
        typ = TYPES_DE.get(sport, sport) if a.locale == "de" else sport
        km = "%.2f" % (tot["distance"] / 1000)
        if a.locale == "de":
            km = '"%s"' % km.replace(".", ",")
        row = [str(aid), '"%s"' % strava_date(start, a.locale), '"%s %d"' % (sport, i), typ,
               '"A, ""quoted"" note\non two lines"' if i % 10 == 3 else "",
               str(tot["elapsed"]), km, str(tot["max_hr"]), "", "false", "", "", fname, "", "",
               "%d.0" % tot["elapsed"], "%d.0" % tot["moving"], "%.1f" % tot["distance"], "",
               "", "%.1f" % tot["ascent"], "", "", "", "", "", "", "", "", "",
               "%d.0" % tot["max_hr"], "%.1f" % tot["avg_hr"], "", "", ""]
        rows.append(",".join(row))
    csv = ((HEADER_DE if a.locale == "de" else HEADER_EN) + "\n" + "\n".join(rows) + "\n").encode()
    with open(os.path.join(folder, "activities.csv"), "wb") as f:
        f.write(csv)
    for name, blob in files:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(blob)
    if not a.no_zip:
        zpath = os.path.join(a.out, "export.zip")
        with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
            def put(name, blob):
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, blob)
            if not a.csv_last:
                put("activities.csv", csv)
            for name, blob in files:
                put(name, blob)
            if a.csv_last:
                put("activities.csv", csv)
    exp["run_distance_m"] = round(exp["run_distance_m"], 1)
    with open(os.path.join(a.out, "expected.json"), "w") as f:
        json.dump(exp, f, indent=1, sort_keys=True)
    print(json.dumps({k: exp[k] for k in ("activities", "runs", "other_sports", "manual",
                                           "damaged")}))


if __name__ == "__main__":
    main()
