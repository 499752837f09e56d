# The report: charts and advice as PDF, PNG or SVG; the default file; a wrong extension.
. "$TOP/tests/cli/safety-seed.inc"
hipcoach setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-16 --name Sam > /dev/null
hipcoach check --none > /dev/null
week_done 2026-11-16 7
week_done 2026-11-23 6
pain 2026-11-17 6 morning
pain 2026-11-20 5 during
pain 2026-11-24 4 morning
pain 2026-12-01 3 morning
pain 2026-12-02 4 after
run hipcoach report
run hipcoach report -o chart.png
run hipcoach report --output chart.svg
run hipcoach report -o chart.jpg
head -c 4 hipcoach-report.pdf; echo
head -c 4 chart.png | tail -c 3; echo
grep -c '<svg' chart.svg
pdftotext hipcoach-report.pdf - | grep -E 'How it|Weekly pain|Sessions done|does not diagnose|KEEP|ON TRACK' | sort
# The runner's name in the title, and the weeks the charts show under it.
pdftotext hipcoach-report.pdf - | grep -E '^(How it|16 November|program starts)'
run hipcoach report -o /nonexistent/dir/r.pdf
# For the clinician: who is looking after the hip, the PSFS averages, strength and stretches of the
# last 2 weeks (SAFETY.md sections 4 and 7).
hipcoach check --seeing-clinician --note "Dr Ng, sports physio" > /dev/null
hipcoach psfs add "running 10 km" > /dev/null
hipcoach psfs score 1 3 --date 2026-11-16 > /dev/null
hipcoach psfs score 1 6 > /dev/null
run hipcoach report -o care.pdf
pdftotext care.pdf - | grep -E '^(Under the care|Daily activities|last 2 weeks:)'
# With running, a third chart on the same weeks: the axis reaches back to the first week of running
# shown, a line marks where the program starts, and one row of dates under the charts serves all
# three.
hipcoach log run --distance 12km --time 1:05:00 --date 2026-10-20 > /dev/null
hipcoach log run --distance 8km --time 45:00 --date 2026-12-05 > /dev/null
run hipcoach report -o running.pdf
pdftotext running.pdf - | grep -E '^(How it|[0-9]+ [A-Z][a-z]+ – |Running per week|[0-9]+ km$|last week$|program starts$)'
pdftotext -layout running.pdf - | grep -E '^ *([0-9]+ [A-Z][a-z]{2} *)+$' | tr -s ' '
