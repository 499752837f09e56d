# SAFETY.md section 4 over time: pain falling 6 -> 2 over four weeks is no reason to escalate;
# less than 2 points (or 30%) better after 6 weeks -> physical therapist, in words that follow the
# direction ("only a little better, by 1 point"); not clearly better by 12 weeks -> a specialist.
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-16 > /dev/null
hipcoach check --none > /dev/null
week_done 2026-11-16 7
week_done 2026-11-23 7
week_done 2026-11-30 7
pain 2026-11-17 6 morning
pain 2026-11-19 6 after
pain 2026-11-24 5 morning
pain 2026-12-01 3 morning
pain 2026-12-07 2 morning
pain 2026-12-08 2 morning
run sh -c 'hipcoach status --json | jq -c "[.weekly_pain[].mean], .advice"'
# Six weeks in (29 Dec), from 6 to 5: under the 2 points or 30% of a real change.
export HIPCOACH_NOW=2026-12-29T07:30:00
pain 2026-12-28 5 morning
pain 2026-12-29 5 morning
q "DELETE FROM pain WHERE date BETWEEN '2026-11-24' AND '2026-12-08'"
run sh -c 'hipcoach status --json | jq -c "[.advice[] | .code, .message]"'
# Twelve weeks in (8 Feb): still 5 on the weekend before, so a specialist. One score of the new
# week (8 Feb) is not a week's pain yet: a week needs scores on 2 days (SAFETY.md section 2).
export HIPCOACH_NOW=2027-02-08T07:30:00
pain 2027-02-06 5 morning
pain 2027-02-07 5 morning
pain 2027-02-08 1 morning
run sh -c 'hipcoach status --json | jq -c "[.advice[] | .code, .source]"'
# 4 points better by then: no escalation.
q "UPDATE pain SET score = 2 WHERE date BETWEEN '2027-02-06' AND '2027-02-07'"
run sh -c 'hipcoach status --json | jq -c "[.advice[].code]"'
