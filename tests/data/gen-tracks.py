#!/usr/bin/env python3
"""Writes the small GPX and TCX files of tests/data with totals known by construction.

Tracks run due north along a meridian, where the great-circle distance is
exactly R * dlat (R = 6371008.8 m), so the expected distances are plain
arithmetic. The expected values are printed and copied into the unit tests.
Run from the repository root: python3 tests/data/gen-tracks.py
"""
import math
import time

R = 6371008.8
DEG_PER_M = 180.0 / (math.pi * R)
T0 = 1665098360  # 2022-10-06T23:19:20Z


def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def strava_run():
    """Whitespace before <?xml, numeric Strava type, gpxtpx v1 heart rate."""
    out = ["\n   \n", '<?xml version="1.0" encoding="UTF-8"?>\n',
           '<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n',
           ' <metadata>\n  <time>%s</time>\n </metadata>\n' % iso(T0),
           ' <trk>\n  <name>Evening Run</name>\n  <type>9</type>\n  <trkseg>\n']
    hrs = []
    for i in range(301):
        lat = 45.0 + i * 3.0 * DEG_PER_M
        ele = 100 + 0.3 * i if i <= 100 else 130 + (0.8 if i % 2 else -0.8)
        hr = 120 + i // 10
        hrs.append(hr)
        out.append('   <trkpt lat="%.9f" lon="6.0000000">\n    <ele>%.1f</ele>\n'
                   '    <time>%s</time>\n    <extensions>\n     <gpxtpx:TrackPointExtension>\n'
                   '      <gpxtpx:hr>%d</gpxtpx:hr>\n     </gpxtpx:TrackPointExtension>\n'
                   '    </extensions>\n   </trkpt>\n' % (lat, ele, iso(T0 + i), hr))
    out.append("  </trkseg>\n </trk>\n</gpx>\n")
    open("tests/data/run-strava.gpx", "w").write("".join(out))
    print("run-strava.gpx: distance 900 m, elapsed 300, moving 300, ascent 30.8,",
          "avg hr %.2f max %d" % (sum(hrs) / len(hrs), max(hrs)))


def stop_run():
    """A run, a one-minute stop with GPS jitter, a glitch, and heart rate under an odd prefix."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<gpx version="1.1" creator="hand" xmlns="http://www.topografix.com/GPX/1/1" '
           'xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2" '
           'xmlns:gpxtpx="http://example.com/not-garmin">\n',
           ' <trk>\n  <type>running</type>\n  <trkseg>\n']
    pts = []
    north = 0.0
    jitter = [(1.2, 0.5), (-1.0, 1.1), (0.4, -1.3), (-0.6, -0.2), (1.1, 1.0), (-1.3, 0.3)]
    for t in range(301):
        east = 0.0
        if t <= 120:
            north = 3.0 * t
        elif t <= 180:
            north = 360.0
            east, dn = jitter[t % len(jitter)]
            north += dn
        else:
            north = 360.0 + 3.0 * (t - 180)
        if t == 200:
            east = 1000.0  # a glitch: 1 km east for one second
        hr = 130 if t < 150 else 150
        pts.append((t, north, east, hr))
    hrs = [p[3] for p in pts]
    for t, n, e, hr in pts:
        lat = 45.0 + n * DEG_PER_M
        lon = 6.0 + e * DEG_PER_M / math.cos(math.radians(45.0))
        out.append('   <trkpt lat="%.9f" lon="%.9f"><time>%s</time><extensions>'
                   '<ns3:TrackPointExtension><ns3:hr>%d</ns3:hr></ns3:TrackPointExtension>'
                   '<gpxtpx:TrackPointExtension><gpxtpx:hr>200</gpxtpx:hr>'
                   '</gpxtpx:TrackPointExtension></extensions></trkpt>\n'
                   % (lat, lon, iso(T0 + t), hr))
    out.append("  </trkseg>\n </trk>\n</gpx>\n")
    open("tests/data/run-stop.gpx", "w").write("".join(out))
    print("run-stop.gpx: distance 720 m, moving 240 (0-120 s and 180-300 s), elapsed 300,",
          " avg hr %.2f max %d" % (sum(hrs) / len(hrs), max(hrs)))


def two_tracks():
    """Two tracks (no type, and cycling), a route and an untimed track that are not activities."""
    out = ['<?xml version="1.0"?>\n<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">\n',
           ' <wpt lat="45" lon="6"><time>%s</time></wpt>\n' % iso(T0),
           ' <rte><rtept lat="45" lon="6"><time>%s</time></rtept></rte>\n' % iso(T0),
           ' <trk><name>planned</name><trkseg><trkpt lat="45" lon="6"/><trkpt lat="45.01" lon="6"/>'
           '</trkseg></trk>\n',
           ' <trk><name>walk?</name><trkseg>\n']
    for i in range(11):
        out.append('  <trkpt lat="%.9f" lon="6"><time>%s</time></trkpt>\n'
                   % (45.0 + i * 1.5 * DEG_PER_M * 4, iso(T0 + 4 * i)))
    out.append(' </trkseg></trk>\n <trk><type>cycling</type><trkseg>\n')
    for i in range(11):
        out.append('  <trkpt lat="%.9f" lon="6"><time>%s</time></trkpt>\n'
                   % (45.0 + i * 8.0 * DEG_PER_M, iso(T0 + 3600 + i)))
    out.append(' </trkseg></trk>\n</gpx>\n')
    open("tests/data/two-tracks.gpx", "w").write("".join(out))
    print("two-tracks.gpx: other 60 m in 40 s; cycling 80 m in 10 s")


def tcx_run():
    """Two laps with the device's own distance and timer time, heart rate per lap and per point."""
    ns = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<TrainingCenterDatabase xmlns="%s">\n <Activities>\n  <Activity Sport="Running">\n'
           '   <Id>%s</Id>\n' % (ns, iso(T0))]
    laps = [(0, 300, 1000.0, 140, 160), (300, 250, 800.0, 150, 170)]
    for start, dur, dist, avg, mx in laps:
        out.append('   <Lap StartTime="%s">\n    <TotalTimeSeconds>%d.0</TotalTimeSeconds>\n'
                   '    <DistanceMeters>%.1f</DistanceMeters>\n'
                   '    <AverageHeartRateBpm><Value>%d</Value></AverageHeartRateBpm>\n'
                   '    <MaximumHeartRateBpm><Value>%d</Value></MaximumHeartRateBpm>\n'
                   '    <Track>\n' % (iso(T0 + start), dur, dist, avg, mx))
        for t in range(start, start + dur + 1, 10):
            d = 3.2 * t
            out.append('     <Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.9f'
                       '</LatitudeDegrees><LongitudeDegrees>6.0</LongitudeDegrees></Position>'
                       '<AltitudeMeters>%.1f</AltitudeMeters><DistanceMeters>%.1f</DistanceMeters>'
                       '<HeartRateBpm><Value>%d</Value></HeartRateBpm></Trackpoint>\n'
                       % (iso(T0 + t), 45 + d * DEG_PER_M, 50 + t / 10.0, d, avg))
        out.append('    </Track>\n   </Lap>\n')
    out.append('  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n')
    open("tests/data/run-laps.tcx", "w").write("".join(out))
    print("run-laps.tcx: distance 1800 (laps), moving 550, elapsed 550,",
          "avg hr 144.55 (time-weighted laps) max 170, ascent 55")


def tcx_treadmill():
    """No positions, no lap distance: the last trackpoint's DistanceMeters; prefixed elements."""
    out = ['<?xml version="1.0"?>\n<t:TrainingCenterDatabase '
           'xmlns:t="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
           '<t:Activities><t:Activity Sport="Running"><t:Id>%s</t:Id>'
           '<t:Lap StartTime="%s"><t:TotalTimeSeconds>1200</t:TotalTimeSeconds><t:Track>\n'
           % (iso(T0), iso(T0))]
    for t in range(0, 1201, 60):
        out.append('<t:Trackpoint><t:Time>%s</t:Time><t:DistanceMeters>%.1f</t:DistanceMeters>'
                   '<t:HeartRateBpm><t:Value>%d</t:Value></t:HeartRateBpm></t:Trackpoint>\n'
                   % (iso(T0 + t), t * 2.5, 140 + t // 120))
    out.append('</t:Track></t:Lap></t:Activity>'
               '<t:Activity Sport="Biking"><t:Id>%s</t:Id><t:Lap StartTime="%s">'
               '<t:TotalTimeSeconds>600</t:TotalTimeSeconds><t:DistanceMeters>4000'
               '</t:DistanceMeters></t:Lap></t:Activity>'
               '</t:Activities></t:TrainingCenterDatabase>\n' % (iso(T0 + 86400), iso(T0 + 86400)))
    open("tests/data/treadmill.tcx", "w").write("".join(out))
    print("treadmill.tcx: running 3000 m, moving 1200, elapsed 1200, max hr 150;",
          "cycling 4000 m moving 600")


strava_run()
stop_run()
two_tracks()
tcx_run()
tcx_treadmill()
