# Setup without questions, the profile shown back, and a change of one setting.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
run hipcoach setup --show --json
run hipcoach setup --level heavy --dumbbells 8,12,16 --equipment mat,band,step,chair,dumbbells
run hipcoach setup --show
sql "SELECT level, equipment, dumbbells_kg, run_days, long_run_day, strength_days FROM profile"
# The database is private to the user.
stat -c '%a' "$HIPCOACH_DB"
