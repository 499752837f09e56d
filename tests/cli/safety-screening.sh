# Red-flag screening (SAFETY.md section 1): yes/no rounds, the block on guided sessions, clearance.
run hipcoach setup --level beginner --equipment mat --strength-days tue,fri --start 2026-11-30
run sh -c 'hipcoach check --list --json | jq -c "length, .[0], ([.[] | .severity] | unique)"'
run sh -c 'hipcoach check --list --json | jq -c ".[] | select(.with_bone_stress_sign or .history or .after_no_to) | [.id, .severity, .with_bone_stress_sign, .history, .after_no_to]"'
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
# After the clearance: night pain alone is see-doctor-soon (outer-hip tendon pain hurts at night
# too), never a block; with a limp it is bone stress and blocks.
export HIPCOACH_NOW=2026-12-10T07:00:00
run hipcoach check --yes night-rest-pain,numbness-tingling
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
export HIPCOACH_NOW=2026-12-10T08:00:00
run hipcoach check --yes night-rest-pain,limp
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked, .screening.yes"'
run hipcoach status
export HIPCOACH_NOW=2026-12-11T07:00:00
run hipcoach check --cleared-by-clinician
run hipcoach check --yes weight-loss
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
# History raises caution and never blocks; a clinician has cleared this runner, so the history
# questions are not asked again, and a round without them stays clear.
run hipcoach check --list
export HIPCOACH_NOW=2026-12-12T07:00:00
yes n | head -19 > answers
run hipcoach check < answers
sql 'SELECT count(*) FROM screening WHERE round = (SELECT max(round) FROM screening)'
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening"'
# Volunteered on the command line, history still counts, as caution only.
run hipcoach check --yes stress-fracture-history,low-energy
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.blocked"'
# A past cancer with new bone pain: one urgent answer, the past cancer not counted twice.
export HIPCOACH_NOW=2026-12-13T07:00:00
run hipcoach check --yes cancer-bone-pain,cancer-history
run sh -c 'hipcoach status --json | jq -c "[.advice[].code], .screening.yes"'
sql "SELECT question, answer FROM screening WHERE round = (SELECT max(round) FROM screening) AND question LIKE 'cancer%'"
# Cauda equina: care today.
export HIPCOACH_NOW=2026-12-14T07:00:00
run hipcoach check --cleared-by-clinician
run hipcoach check --yes saddle-numbness
run hipcoach start stretch
