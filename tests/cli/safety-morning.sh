# Morning pain that does not settle after strength days (SAFETY.md sections 2 and 3): step back,
# each exercise one set down with its reason, shown in status and the plan, written once.
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-30 > /dev/null
hipcoach check --none > /dev/null
for d in 2026-12-01 2026-12-04; do
	session "$d" strength 2 3
	for ex in single-leg-toe-tap single-leg-step-down single-leg-glute-bridge clamshell deadlift squat; do
		result "$ex" 1 done 13 7 3
		result "$ex" 2 done 12 8 4
	done
done
pain 2026-12-01 2 morning
pain 2026-12-02 5 morning
pain 2026-12-04 2 morning
# The morning check-in is a record: the decisions due are taken as it is saved.
hipcoach log pain 6 --when morning --date 2026-12-05 > /dev/null
run hipcoach status
sql 'SELECT exercise, sets, reason FROM progress ORDER BY exercise'
# Reading writes nothing: status again, and nothing new in the log.
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], [.exercises[] | select(.decision != \"hold\") | .exercise]"'
sql 'SELECT count(*) FROM progress_log'
run hipcoach plan --days 1 --from 2026-12-08
