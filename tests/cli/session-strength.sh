# A beginner strength session in line mode, from the first answer to the last: check-ins with the
# pain during each exercise, "it hurts" within and above 5/10 and a stop by choice, a skipped set,
# then what the database and history hold.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
# Toe tap: all sets, reps given set by set with two counts changed, pain during 3. Step-down: it
# hurts at 3 on the first set, which is acceptable: the set counts as done and the exercise goes on;
# every set as prescribed (one Enter). Glute bridge: it hurts at 7, the exercise stops. Clamshell:
# the first set skipped, 13 reps in every other set (one answer). Deadlift: it hurts at 2 on the
# first set, and the runner chooses to stop it. Squat: as prescribed.
run hipcoach start strength <<'ANSWERS' | took
2




n

14

12
y
3
p
3





8

p
7
s



13
n
2
y
p
2
n



y
1
3
ANSWERS
sql "SELECT date, kind, status, origin, position, pain_before, pain_after, finished_at IS NOT NULL FROM sessions"
sql "SELECT step, exercise, set_no, side, status, reps, seconds, load, rpe, reserve3, pain FROM results ORDER BY step"
run hipcoach history
