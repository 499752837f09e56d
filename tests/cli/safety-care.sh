# Under a clinician's care (SAFETY.md section 4): after 'check --seeing-clinician' the advice to see
# a physical therapist is no longer an alarm; it comes back calmly once a week, status and the JSON
# say who is looking after the hip, and a pain of 8 is still an alarm.
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-16 > /dev/null
hipcoach check --none > /dev/null
week_done 2026-11-16 7
week_done 2026-11-23 7
week_done 2026-11-30 7
for d in 2026-11-17 2026-11-21 2026-11-24 2026-11-28 2026-12-01 2026-12-05; do
	pain "$d" 6 morning
done
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .care"'
run hipcoach check --note "Dr Ng"
run hipcoach check --seeing-clinician --none
run hipcoach check --seeing-clinician --note "Dr Ng, sports physio"
sql 'SELECT since, note, recorded_at FROM care'
run sh -c 'hipcoach status --json | jq -c "[.advice[] | .code, .message], .care"'
run sh -c 'hipcoach status | sed -n "/ADVICE/,/SESSIONS/p"'
# Three days later: nothing new; a week later: the reminder.
export HIPCOACH_NOW=2026-12-11T07:30:00
run sh -c 'hipcoach status --json | jq -c "[.advice[].code]"'
export HIPCOACH_NOW=2026-12-15T07:30:00
week_done 2026-12-07 7
pain 2026-12-08 6 morning
pain 2026-12-12 6 morning
run sh -c 'hipcoach status --json | jq -c "[.advice[] | .code, .message]"'
run sh -c 'hipcoach today | sed -n "1,/^$/p"'
# A pain of 8 is still an alarm: tell them now.
pain 2026-12-14 8 now
run sh -c 'hipcoach status --json | jq -c "[.advice[] | .code, .message]"'
