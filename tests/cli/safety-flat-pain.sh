# SAFETY.md section 4: pain flat at 6 over three weeks of the program at 75% or more of the planned
# sessions: see a physical therapist; running could not be judged, and the advice says so.
. "$TOP/tests/cli/safety-seed.inc"
run hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-16
run hipcoach check --none
week_done 2026-11-16 7
week_done 2026-11-23 7
week_done 2026-11-30 7
for d in 2026-11-17 2026-11-21 2026-11-24 2026-11-28 2026-12-01 2026-12-05 2026-12-08; do
	pain "$d" 6 morning
done
run hipcoach status
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .adherence, [.weekly_pain[].mean], .scaled_back_running"'
# Stretches on fewer than half the days (3 of 7) is not yet the program: the 2-week rule does not
# fire; it judges the program only when done.
rm -f "$HIPCOACH_DB"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-16 > /dev/null
hipcoach check --none > /dev/null
week_done 2026-11-16 7
week_done 2026-11-23 3
week_done 2026-11-30 3
for d in 2026-11-17 2026-11-24 2026-12-01 2026-12-08; do
	pain "$d" 6 morning
done
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .adherence.last_weeks"'
# Strength first (SAFETY.md section 4): stretches every day but no strength session is not the
# program either; the advice asks for the strength work.
rm -f "$HIPCOACH_DB"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-16 > /dev/null
hipcoach check --none > /dev/null
for i in $(seq 0 20); do
	session "$(date -u -d "2026-11-16 + $i days" +%F)" stretch
done
for d in 2026-11-17 2026-11-21 2026-11-24 2026-11-28 2026-12-01 2026-12-05; do
	pain "$d" 6 morning
done
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .adherence.strength, .adherence.stretch, .adherence.strength_pct, .adherence.stretch_pct, .adherence.doing_program"'
run sh -c 'hipcoach status --json | jq -r ".advice[0].message"'
