# Red-flag screening (SAFETY.md section 1): yes/no rounds, the block on guided sessions, clearance.
run hipcoach setup --level beginner --equipment mat --strength-days tue,fri --start 2026-11-30
run sh -c 'hipcoach check --list --json | jq -c "length, .[0], ([.[] | .severity] | unique)"'
run sh -c 'hipcoach check --list --json | jq -r ".[] | select(.id == \"hopping-hurt\") | .text"'
# Unknown ids name the valid ones; nothing is written.
run hipcoach check --yes fever,hop-test
run hipcoach check --yes fever --none
sql 'SELECT count(*) FROM screening'
# Line mode: one question at a time, y or n only; end of input saves nothing.
printf 'n\nmaybe\n\nyes\n' > answers
run hipcoach check < answers
sql 'SELECT count(*) FROM screening'
# All no.
run hipcoach check --none
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening"'
# A fever: get care today; guided sessions blocked.
export HIPCOACH_NOW=2026-12-08T08:00:00
run hipcoach check --yes fever
run sh -c 'hipcoach status --json | jq -c ".advice[0], .screening.blocked"'
# A guided session is refused, with the advice and the way out.
run hipcoach start stretch
# A later round of all no does not lift the block: only a clinician does.
export HIPCOACH_NOW=2026-12-08T09:00:00
run hipcoach check --none
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
export HIPCOACH_NOW=2026-12-09T10:00:00
run hipcoach check --cleared-by-clinician --note "Dr Lee, urgent care"
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
# Cleared: the session goes ahead (line mode; end of input quits and saves).
run hipcoach start stretch
sql 'SELECT cleared_at, note FROM clearance'
# Bone stress after the clearance blocks again; see-doctor-soon never blocks.
export HIPCOACH_NOW=2026-12-10T07:00:00
run hipcoach check --yes night-rest-pain,numbness-tingling
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
run hipcoach status
export HIPCOACH_NOW=2026-12-11T07:00:00
run hipcoach check --cleared-by-clinician
run hipcoach check --yes weight-loss
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
