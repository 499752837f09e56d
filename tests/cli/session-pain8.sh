# Pain of 8 before a strength session: no strength work that day (SAFETY.md sections 2 and 4).
# The runner is told why and offered the stretches; the pain is recorded with a skipped session
# and calls for a physical therapist. Later that day strength stays off, stretches go ahead.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
run hipcoach start strength <<'ANSWERS'
8
n
ANSWERS
sql "SELECT date, kind, status, origin, pain_before, finished_at IS NOT NULL FROM sessions"
run hipcoach start <<'ANSWERS'
y
q
ANSWERS
sql "SELECT id, kind, status, pain_before FROM sessions"
run hipcoach history
run sh -c 'hipcoach status --json | jq -c "[.advice[].code]"'
