# A long running history a page at a time: the latest first page, --before for the page before, the
# same second never split between pages, weekly totals, and bad values.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat
for d in 2026-11-02 2026-11-04 2026-11-09 2026-11-11 2026-11-16 2026-11-23 2026-11-30 2026-12-02; do
	hipcoach log run --distance 5km --time 30:00 --date $d > /dev/null
done
# Two in the same second: a page of one holds both.
run hipcoach log run --distance 3km --time 20:00 --date 2026-12-02
run hipcoach runs --limit 1
run hipcoach runs --limit 3
run hipcoach runs --limit 3 --before 2026-11-23T12:00:00Z
run hipcoach runs --limit 3 --before 2026-11-09 --json
run hipcoach runs --since 2026-11-15 --limit 2
run hipcoach runs --weekly --weeks 6
run hipcoach runs --weekly --weeks 2 --json
run hipcoach runs --limit 0
run hipcoach runs --limit 1001
run hipcoach runs --before yesterday
run hipcoach runs --weeks 3
run hipcoach runs --weekly --limit 3
