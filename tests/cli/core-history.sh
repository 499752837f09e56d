# history lists the newest session first; --compact gives one line each (the default on a
# terminal), --full every set; --since and --limit narrow it, and mistakes are usage errors.
run hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat > /dev/null
run hipcoach history
run hipcoach log session --kind strength --date 2026-11-20 --pain-before 4 --pain-after 5
run hipcoach log session --kind stretch --date 2026-11-27
run hipcoach log session --kind strength --date 2026-12-04 --pain-before 3 --pain-after 2
run hipcoach log session --kind stretch --date 2026-12-07 --pain-after 1
run hipcoach history --compact
run hipcoach history --limit 2
run hipcoach history --since 2026-12-01 --compact
run hipcoach history --since 2w --compact
run hipcoach history --since 10d --limit 1 --compact
run hipcoach history --since 2026-12-08 --compact
run sh -c 'hipcoach history --limit 2 --json | jq -c "[.sessions[] | [.date, .kind]]"'
# On a terminal the short list is the default.
script -qec 'hipcoach history --since 2w' /dev/null < /dev/null | tr -d '\r'
# Mistakes.
run hipcoach history --limit 0
run hipcoach history --limit many
run hipcoach history --since fortnight
run hipcoach history --since 2w --from 2026-12-01
run hipcoach history --compact --full
run hipcoach history --compact --json
