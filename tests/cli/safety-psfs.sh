# The Patient-Specific Functional Scale (SAFETY.md section 7): 2 points on the average is a real change.
run hipcoach psfs
run hipcoach psfs add "running 10 km"
run hipcoach psfs add "sitting through a film"
run hipcoach psfs add "running 10 km"
run hipcoach psfs score 1 3 --date 2026-11-16
run hipcoach psfs score 2 5 --date 2026-11-16
run hipcoach psfs score 1 6
run hipcoach psfs score 2 6
run hipcoach psfs --json
run hipcoach psfs score 3 5
run hipcoach psfs score 1 11
run hipcoach psfs remove 1
