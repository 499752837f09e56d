# Where it hurts adapts the plan (SAFETY.md section 6): outer hip shortens the clamshell and leaves
# out the figure-4; groin pain leaves out the butterfly; each said in the plan's notes.
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-30 > /dev/null
pain 2026-12-07 4 now outer
run hipcoach plan --days 1 --from 2026-12-08
pain 2026-12-07 3 after groin
run sh -c 'hipcoach plan --json --days 1 --from 2026-12-08 | jq -c "[.days[].sessions[].items[].exercise], .notes"'
