# The plan follows level, equipment and week; missing equipment is swapped or left out, and said.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
run hipcoach plan
run hipcoach plan --from 2026-12-10 --days 2 --json
# No step, no chair, no dumbbells at a loaded level: swaps and bodyweight dosage, each explained.
run hipcoach setup --level moderate --equipment mat --strength-days auto
run hipcoach plan --days 3
# Dumbbells: the loaded moves use the level's rep range and a weight from the runner's set.
run hipcoach setup --level heavy --equipment mat,step,chair,dumbbells --dumbbells 6,10,14
run hipcoach plan --from 2026-12-07 --days 1 --json
# Strength days chosen when none given: never back to back, never the day before the long run.
run hipcoach setup --strength-days auto --run-days tue,thu,sun --long-run sun
run hipcoach setup --show
# The plan starts today and shows the runs; the long run with its cap once there are runs.
run hipcoach setup --level beginner --equipment mat,band,step --strength-days auto --run-days mon,wed,sat --long-run sat > /dev/null
run hipcoach log run --distance 16km --time 1:40:00 --date 2026-12-05
run hipcoach plan --days 5
run hipcoach setup --run-days none --long-run none > /dev/null
run hipcoach plan --days 2
