# A stretch session in line mode: holds count down with their cues, cat-cow moves with the breath,
# a stretch rated painful gets "ease off", and each hold is recorded with its seconds.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
run hipcoach start stretch <<'ANSWERS' | took
1
n
4



y



0
ANSWERS
sql "SELECT kind, status, pain_before, pain_after FROM sessions"
sql "SELECT exercise, side, status, seconds, gentle, pain FROM results ORDER BY step"
run hipcoach history
