# A beginner strength session in line mode, from the first answer to the last: check-ins,
# "it hurts" below and above 5/10, a skipped set, then what the database and history hold.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
# Toe tap: all sets, two rep counts changed. Step-down: it hurts at 3/10 on the first set.
# Glute bridge: it hurts at 7/10, the exercise stops. Clamshell: the first set skipped.
run hipcoach start strength <<'ANSWERS'
2





14

12
y
p
3






8
p
7
s






n
y









y
3
ANSWERS
sql "SELECT date, kind, status, origin, position, pain_before, pain_after, finished_at IS NOT NULL FROM sessions"
sql "SELECT step, exercise, set_no, side, status, reps, seconds, load, rpe, reserve3, pain FROM results ORDER BY step"
run hipcoach history
