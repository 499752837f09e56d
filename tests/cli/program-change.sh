# A physical therapist changes the program at the runner's computer: an exercise left out, doses
# set, a note. The plan, today and status follow at once and say who changed what and why; a bad
# change is refused with what is wrong, and writes nothing.
hipcoach setup --level moderate --equipment mat,band,step,dumbbells,chair --dumbbells 6,8,12 --strength-days tue,fri --start 2026-11-30 > /dev/null
hipcoach check --none > /dev/null
run hipcoach program-change
# Refusals: each names what is wrong.
run hipcoach program-change --leave-out clamshell
run hipcoach program-change --leave-out hopscotch --who Ana --why "irritable outer hip"
run hipcoach program-change --dose "squat: 8 sets" --who Ana --why "x"
run hipcoach program-change --dose "figure-4: 10-12 reps" --who Ana --why "x"
run hipcoach program-change --dose "squat: 2 sets, heavy" --who Ana --why "x"
run hipcoach program-change --dose "squat 2 sets" --who Ana --why "x"
run hipcoach program-change --who Ana --why "nothing"
run hipcoach program-change --equipment mat --dose "squat: 6 kg" --who Ana --why "x"
sql 'SELECT count(*) FROM program_changes'
# The change, and what it is now.
run hipcoach program-change --leave-out clamshell --dose "squat: 2 sets, 10-12 reps, 6 kg; figure-4: hold 45 s" --note "Bridges first, squats light until we meet on Friday." --who Ana --why "the outer hip is irritable"
run hipcoach plan --days 4
run sh -c 'hipcoach plan --days 4 --json | jq -c ".therapist, ([.days[].sessions[].items[] | select(.dose_set_by) | [.exercise, .sets, .reps_max, .hold_s, .load_kg, .dose_set_by]] | unique)"'
run sh -c 'hipcoach today | sed -n "/TODAY/,/HOW/p"'
run sh -c 'hipcoach today --json | jq -c ".therapist.note, [.therapist.left_out[].exercise]"'
run sh -c 'hipcoach status | sed -n "/EXERCISES/,/Knee hug/p"'
run sh -c 'hipcoach status --json | jq -c ".exercises[] | select(.exercise == \"squat\") | [.sets, .load_kg, .dose_set_by, .decision, .reason]"'
# The same again changes nothing and records nothing; another therapist gives the squat back.
run hipcoach program-change --leave-out clamshell --who Ana --why "the same"
run hipcoach program-change --dose "figure-4: hold 45 s" --note "" --level heavy --who "Ben" --why "the squat feels fine"
run hipcoach program-change --json
sql 'SELECT exercise, change, reason FROM progress_log'
run sh -c 'hipcoach plan --days 1 | sed -n "/Changes for you/,\$p"'
