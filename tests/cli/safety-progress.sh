# Progress (SAFETY.md section 3): two sessions at the top of the rep range with 3 or more in reserve,
# pain during at most 5 and settled by the next morning -> another set; then the next dumbbell.
# A painful stretch eases off to its easier version (section 2).
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level moderate --equipment mat,band,step,dumbbells --dumbbells 6,8,12 --strength-days tue,fri --start 2026-11-30 > /dev/null
hipcoach check --none > /dev/null
# Moderate is 3 sets from the start; squat at 8 kg, the top of 8-12 reps.
for d in 2026-12-01 2026-12-04; do
	session "$d" strength 2 2
	result squat 1 done 12 6 2
	result squat 2 done 12 6 2
	result squat 3 done 12 7 3
	result clamshell 1 done 12 6 2
	result clamshell 2 done 12 9 2
	session "$d" stretch
	stretch_result butterfly-stretch 5 0
done
pain 2026-12-02 2 morning
# The morning check-in is a record: the decisions due are taken as it is saved.
hipcoach log pain 2 --when morning --date 2026-12-05 > /dev/null
run sh -c 'hipcoach status --json | jq -c ".exercises[] | select(.exercise == \"squat\" or .exercise == \"clamshell\" or .exercise == \"butterfly-stretch\") | [.exercise, .sets, .load_kg, .variant, .decision, .reason]"'
run sh -c 'hipcoach status --json | jq -c "[.advice[] | .code, .message]"'
sql 'SELECT exercise, change, reason FROM progress_log'
# One session at the new dose decides nothing yet.
export HIPCOACH_NOW=2026-12-09T07:30:00
session 2026-12-08 strength 2 2
result squat 1 done 12 6 2
hipcoach log pain 2 --when morning --date 2026-12-09 > /dev/null
run sh -c 'hipcoach status --json | jq -c ".exercises[] | select(.exercise == \"squat\") | [.load_kg, .decision, .reason]"'
