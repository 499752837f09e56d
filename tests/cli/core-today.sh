# The first run starts setup (line mode, defaults on empty input), then shows today.
run hipcoach < /dev/null
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
run hipcoach
HIPCOACH_NOW=2026-12-09T18:00:00 run hipcoach
