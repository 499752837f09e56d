# Logging pain and runs by hand: what each means, where it hurts adapting the plan, and bad input.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
run hipcoach check --none
run hipcoach log pain 3 --when morning
run hipcoach log pain 6 --when during
# Pain on the outside of the hip changes the clamshell and the figure-4 (SAFETY.md section 6).
run hipcoach log pain 4 --when after --where outer --date 2026-12-07
hipcoach plan --days 1 | sed -n '/Changes for you/,$p'
run hipcoach log pain 11
run hipcoach log pain 3 --when lunchtime
run hipcoach log pain 3 --where knee
run hipcoach log pain 3 --distance 5km
sql "SELECT date, score, context, location FROM pain ORDER BY id"
run hipcoach log run --distance 8km --time 44:00 --date 2026-12-05
run hipcoach log run --distance 8km --time 44:10 --date 2026-12-05
run hipcoach log run --distance 5mi --time 45:00 --date 2026-12-07
run hipcoach log run --distance 10km --time 2:00
run hipcoach log run --distance far --time 50:00
run hipcoach log run --time 50:00
run hipcoach runs --json
