# The plan to a calendar and a session to a watch: what is written, where, and the usage errors.
run hipcoach export ics
run hipcoach export fit
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
run hipcoach export ics --weeks 1
run hipcoach export ics --weeks 2 -o plan.ics
grep -c '^BEGIN:VEVENT' plan.ics
grep '^RRULE' plan.ics
run hipcoach export fit
od -A d -t x1 -N 14 hipcoach-strength.fit
run hipcoach export fit --session stretch -o watch/stretch.fit
mkdir watch
run hipcoach export fit --session stretch -o watch/stretch.fit
ls watch
hipcoach export fit -o - > out.fit
cmp out.fit hipcoach-strength.fit && echo "stdout: the same file"
# Usage errors.
run hipcoach export
run hipcoach export pdf
run hipcoach export ics --weeks 0
run hipcoach export ics --weeks 53
run hipcoach export fit --weeks 2
run hipcoach export ics --session strength
run hipcoach export fit --session yoga
run hipcoach export ics -o ''
# A program that starts next week starts the calendar next week.
run hipcoach setup --start 2026-12-14
hipcoach export ics --weeks 1 | grep -E '^(DTSTART|RRULE)'
