# Finding an exercise the way a runner names it: a number from the list, the start of a word, the
# name as written, a version's id; several or none that fit say so.
run hipcoach show clam
run hipcoach show 4
run hipcoach show "glute bridge" --json | head -3
run hipcoach show "Single-leg Glute Bridge" --json | head -3
run hipcoach show small-range-clamshell
run hipcoach show "small clamshell" --json | head -3
run hipcoach show supported-toe-tap --svg toe-tap.svg
run hipcoach show single-leg-mini-squat --svg mini-squat.svg
cmp -s toe-tap.svg mini-squat.svg && echo "same drawing" || echo "each its own drawing"
# No exercise: the list, numbered as above.
run hipcoach show
run hipcoach show stretch
run hipcoach show 0
run hipcoach show 15
run hipcoach show --png nothing.png
