# log session records a session as planned, in one go; history lists it (and --json gives its
# shape); the morning question comes the day after a session; start picks what is due.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
run hipcoach log session --kind strength --date 2026-12-04 --pain-before 3 --pain-after 4
run hipcoach log session --kind stretch --date 2026-12-07 --pain-after 1
sql "SELECT date, kind, status, origin, position, pain_before, pain_after FROM sessions"
sql "SELECT session_id, count(*), sum(reps), sum(seconds) FROM results GROUP BY session_id"
run hipcoach history --to 2026-12-07
# Mistakes change nothing.
run hipcoach log session
run hipcoach log session --kind yoga
run hipcoach log session --kind stretch --date 2026-12-09
run hipcoach log session --kind stretch --date 2026-02-30
run hipcoach log session --kind stretch --date 2026-12-07 --pain-after 11
run hipcoach log session --kind stretch extra
run hipcoach log nap
run hipcoach history --from yesterday
sql "SELECT count(*) FROM sessions"
# One exercise on its own, then its JSON.
run hipcoach start --exercise figure-4-stretch <<'ANSWERS' | took
1
0
y
0
ANSWERS
run hipcoach start --exercise no-such-move
run hipcoach start yoga
run hipcoach history --json --from 2026-12-08 --to 2026-12-08
# The next morning: the question once, then not again that day; start picks strength on its day.
HIPCOACH_NOW=2026-12-09T07:00:00 run hipcoach start < /dev/null
sql "SELECT date, score, context FROM pain"
HIPCOACH_NOW=2026-12-09T07:00:00 run hipcoach start <<'ANSWERS'
2
q
ANSWERS
HIPCOACH_NOW=2026-12-09T07:00:00 run hipcoach start <<'ANSWERS'
q
ANSWERS
sql "SELECT date, score, context FROM pain"
HIPCOACH_NOW=2026-12-11T07:00:00 run hipcoach start <<'ANSWERS'

q
ANSWERS
# The pain during and the effort, on every set: as RPE, or as reps in reserve; mistakes refused.
run hipcoach log session --kind strength --date 2026-12-05 --pain-during 2 --effort rir3
run hipcoach log session --kind strength --date 2026-12-05 --effort 6
sql "SELECT session_id, count(*), min(reps), max(reps), min(pain), max(pain), group_concat(DISTINCT rpe), group_concat(DISTINCT reserve3) FROM results WHERE session_id IN (SELECT id FROM sessions WHERE date = '2026-12-05') GROUP BY session_id"
run hipcoach log session --kind strength --effort 11
run hipcoach log session --kind strength --effort hard
run hipcoach log session --kind strength --effort rir
run hipcoach log session --kind stretch --effort 6
run hipcoach log session --kind strength --pain-during 12
