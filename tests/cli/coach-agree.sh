# One answer per question: the today screen, 'today --json' and status count the same sessions,
# the same weeks and the same percentages on one seeded record (five weeks into the program).
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-11-02 > /dev/null
hipcoach check --none > /dev/null
for m in 2026-11-02 2026-11-09 2026-11-16 2026-11-23 2026-11-30; do week_done "$m" 5; done
session 2026-12-08 stretch
for d in 2026-11-03 2026-11-10 2026-11-17 2026-11-24 2026-12-01; do
	pain "$d" 5 morning
	pain "$(date -u -d "$d + 3 days" +%F)" 4 morning
done
pain 2026-12-08 2 morning
# Running: 10 weeks at about 38 km a week before, then less.
d=2026-09-01
while [ "$d" \< 2026-12-08 ]; do
	case $d in
	2026-11-* | 2026-12-*) km=6 ;;
	*) km=12 ;;
	esac
	hipcoach log run --distance ${km}km --time 60:00 --date "$d" > /dev/null
	d=$(date -u -d "$d + 3 days" +%F)
done
hipcoach log run --distance 14km --time 80:00 --date 2026-12-05 > /dev/null
run hipcoach today
run hipcoach status
run hipcoach load
hipcoach today --json > today.json
hipcoach status --json > status.json
hipcoach load --json > load.json
same() { [ "$2" = "$3" ] && echo "same $1: $2" || echo "DIFFERENT $1: $2 against $3"; }
same "sessions this week" "$(jq -c '[.week_done, .week_planned]' today.json)" \
	"$(jq -c '[.adherence.this_week.done, .adherence.this_week.planned]' status.json)"
same "advice" "$(jq -c '[.advice[].code]' today.json)" "$(jq -c '[.advice[].code]' status.json)"
same "long-run cap" "$(jq -c '.long_run_cap_m' today.json)" "$(jq -c '.long_run_cap_m' load.json)"
same "running change" "$(hipcoach today | grep -o '[-+][0-9]*% on [a-z ]*')" \
	"$(hipcoach status | grep -o '[-+][0-9]*% on [a-z ]*')"
same "week" "$(jq .week today.json)" "$(jq .program_week status.json)"
