# A pain of 8 at any time, or the same exercise stopped for pain three times: see a physical
# therapist now (SAFETY.md section 4).
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-30 > /dev/null
hipcoach check --none > /dev/null
pain 2026-12-07 8 now
run sh -c 'hipcoach status --json | jq -c ".advice[0]"'
# Today offers no strength session that the player would refuse, on the day of the pain.
hipcoach log pain 8 > /dev/null
run sh -c 'hipcoach today | grep -E "Strength|strength"'
run sh -c 'hipcoach today --json | jq -c "[.sessions[] | .rest_for_pain]"'
q "DELETE FROM pain WHERE date = '2026-12-08'"
run sh -c 'hipcoach today --json | jq -c "[.sessions[] | .rest_for_pain]"'
# Not from a session's own check-ins either, and it ages out after 14 days.
q "DELETE FROM pain"
session 2026-12-04 strength 3 8
run sh -c 'hipcoach status --json | jq -c "[.advice[].code]"'
export HIPCOACH_NOW=2026-12-19T07:30:00
run sh -c 'hipcoach status --json | jq -c "[.advice[].code]"'
# Clamshell stopped three times because it hurt.
q "DELETE FROM sessions"
for d in 2026-12-11 2026-12-15 2026-12-18; do
	session "$d" strength
	result clamshell 1 hurt 4 NULL 6
done
run sh -c 'hipcoach status --json | jq -r ".advice[] | select(.code == \"see-pt\") | .message"'
