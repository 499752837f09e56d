# Wrong arguments exit 2 with the usage; impossible dates are refused; nothing is written.
run hipcoach setup --level expert
run hipcoach setup --equipment mat,kettlebell
run hipcoach setup --run-days mon,funday
run hipcoach setup --long-run sat,sun
run hipcoach setup --units furlongs
run hipcoach setup --dumbbells heavy
run hipcoach setup --show --level beginner
test -e "$HIPCOACH_DB" && echo "database written" || echo "no database written"
run hipcoach setup --level beginner
run hipcoach plan --from 2026-02-30
run hipcoach plan --from yesterday
run hipcoach plan --days 0
run hipcoach plan --days
run hipcoach plan --colour
run hipcoach plan extra
run hipcoach frobnicate
run hipcoach --db
run hipcoach show no-such-move
run hipcoach exercises --kind cardio
# A typo gets "did you mean": a command, an option, an exercise, a command to explain.
run hipcoach histroy
run hipcoach stup --level beginner
run hipcoach plan --jsn
run hipcoach history --form 2026-12-01
run hipcoach --verison
run hipcoach show squaat
run hipcoach help histry
