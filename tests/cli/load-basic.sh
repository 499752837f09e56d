# Running load from a season of runs: weekly totals, the longest-run check, the weekly increase,
# the acute:chronic ratio shown but not judged, and "scaled back".
tcx() { # tcx FILE START KM SECONDS [SPORT]
	printf '<?xml version="1.0"?>\n<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="%s"><Id>%s</Id><Lap StartTime="%s"><TotalTimeSeconds>%s</TotalTimeSeconds><DistanceMeters>%s</DistanceMeters></Lap></Activity></Activities></TrainingCenterDatabase>\n' \
		"${5:-Running}" "$2" "$2" "$4" "$(($3 * 1000))" > "$1"
}
run hipcoach load
# Ten weeks of Monday 8 km, Wednesday 8 km, Saturday 14 km (Mondays from 28 September).
mkdir -p season
for day in 2026-09-28 2026-10-05 2026-10-12 2026-10-19 2026-10-26 2026-11-02 2026-11-09 \
	2026-11-16 2026-11-23 2026-11-30; do
	y=${day%%-*} md=${day#*-} m=${md%-*} d=${md#*-}
	tcx season/$day-mon.tcx "${day}T07:00:00Z" 8 2640
	wed=$(date -u -d "$day + 2 days" +%F)
	sat=$(date -u -d "$day + 5 days" +%F)
	tcx season/$wed-wed.tcx "${wed}T07:00:00Z" 8 2640
	tcx season/$sat-sat.tcx "${sat}T08:00:00Z" 14 4800
done
tcx season/ride.tcx 2026-12-01T17:00:00Z 40 5400 Biking
run hipcoach import season
run hipcoach load
# Sunday: 19 km, 36% longer than the longest of the 30 days before, and a big week.
tcx long.tcx 2026-12-06T08:00:00Z 19 6600
tcx mon.tcx 2026-12-07T07:00:00Z 8 2640
run hipcoach import long.tcx mon.tcx
run hipcoach load --weeks 3
run hipcoach load --json
run hipcoach load --weeks 13
# In miles when the runner chose them.
run hipcoach setup --level beginner --equipment mat --units mi,lb
run hipcoach load --weeks 2
