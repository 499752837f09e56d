# Setup without questions, the profile shown back, and a change of one setting.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
run hipcoach setup --show --json
run hipcoach setup --level heavy --dumbbells 8,12,16 --equipment mat,band,step,chair,dumbbells
run hipcoach setup --show
sql "SELECT level, equipment, dumbbells_kg, run_days, long_run_day, strength_days FROM profile"
# The database is private to the user.
stat -c '%a' "$HIPCOACH_DB"
# A day given twice is refused and nothing changes; the stairs are a step; a distance with the
# long-run day is fine, alone it is explained; hipcoach says why it chose the strength days.
run hipcoach setup --strength-days mon,mon
run hipcoach setup --run-days mon,wed,Wednesday
run hipcoach setup --long-run half
run hipcoach setup --run-days 10k
run hipcoach setup --equipment mat,tyres
sql "SELECT equipment, run_days, long_run_day, strength_days FROM profile"
run hipcoach setup --name Sam --equipment mat,band,stairs --strength-days auto --run-days mon,wed,sat --long-run "sat 10k"
run hipcoach setup --long-run sat,half --run-days tue,thu,sat
sql "SELECT name, equipment, run_days, long_run_day, strength_days FROM profile"
hipcoach today | head -1
