# Quitting midway keeps every finished step; the next start the same day offers to resume at the
# next step, and the session ends as one completed session. Declining starts a new one.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
# Two sets done, then q at the third.
run hipcoach start strength <<'ANSWERS'
1


q
ANSWERS
sql "SELECT id, status, position, pain_before FROM sessions"
sql "SELECT step, exercise, set_no, side, status FROM results"
run hipcoach history
# The end of input also quits and saves (one more set this time).
run hipcoach start strength <<'ANSWERS'
y

ANSWERS
sql "SELECT id, status, position FROM sessions"
# Resume again and finish; the toe tap check-in covers all four sets.
{ echo y; for i in $(seq 1 60); do echo; done; } > answers
run hipcoach start strength < answers | took
sql "SELECT id, status, position, pain_before, pain_after FROM sessions"
sql "SELECT count(*), count(DISTINCT step), min(status), max(status) FROM results"
# A completed session is not offered for resuming; 'n' to resume starts a new session.
run hipcoach start strength <<'ANSWERS'
q
ANSWERS
run hipcoach start stretch <<'ANSWERS'
4
q
ANSWERS
# Resuming at a hold says where and waits for Enter, so there is time to get into position.
run hipcoach start stretch <<'ANSWERS'
y

q
ANSWERS
run hipcoach start stretch <<'ANSWERS'
n
q
ANSWERS
sql "SELECT id, kind, status, position, pain_before FROM sessions"
