#!/bin/sh
# The full-screen session player driven through tmux at 80x24: a whole stretch session with keys
# only (one stretch rated painful): the steps name the leg for each side, the bell rings at the end
# of the countdowns, the end screen says what was done and stays printed; then what the database
# holds; then quitting midway and resuming at that set; then "it hurts" on a stretch; then --quiet
# (no bell) on a tall terminal (bigger digits); then a terminal curses cannot draw on. Fails on a wrong screen or a wrong record; skips
# (saying so) without tmux.
#   tests/tui/run.sh [--keep]      (--keep leaves the captures in the work folder)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
keep=0
[ "${1:-}" = --keep ] && keep=1
if ! command -v tmux > /dev/null 2>&1; then
	echo "tui: skipped (tmux is not installed)"
	exit 0
fi
if ! command -v sqlite3 > /dev/null 2>&1; then
	echo "tui: FAIL: sqlite3 is needed to check the database"
	exit 1
fi
work=$(mktemp -d)
runs=0
sock="$work/tmux.0.sock"
pane=hc
fails=0
cleanup() {
	for s in "$work"/tmux.*.sock; do
		tmux -S "$s" kill-server > /dev/null 2>&1
	done
	if [ $keep = 1 ]; then echo "tui: captures kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

export HIPCOACH_DB="$work/hipcoach.db" HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC LC_ALL=C.UTF-8 \
	HOME="$work"
# Timers run this many times faster: fast for the long stretch session, slow enough to see the
# switch-sides screen in the strength session.
scale=60
unset XDG_DATA_HOME HIPCOACH_PROGRAM NO_COLOR
hc="$top/hipcoach"

fail() {
	echo "tui: FAIL: $*"
	fails=$((fails + 1))
}

capture() {
	tmux -S "$sock" capture-pane -p -t "$pane" 2> /dev/null
}

# wait_for TEXT [SECONDS]: until the screen shows TEXT; fails (with the screen) after SECONDS.
wait_for() {
	n=0 limit=$((${2:-10} * 10))
	while [ $n -lt "$limit" ]; do
		if capture | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		n=$((n + 1))
	done
	fail "the screen never showed '$1'"
	capture
	return 1
}

keys() {
	tmux -S "$sock" send-keys -t "$pane" "$@"
}

# start ARGS...: runs hipcoach in a fresh terminal of $cols x $rows (80x24 unless set); its exit
# code lands in $work/rc, and every byte it writes in $work/raw (to count the bells).
cols=80 rows=24 pre=
start() {
	rm -f "$work/rc" "$work/raw"
	tmux -S "$sock" kill-server > /dev/null 2>&1
	# A fresh server each time: a new session on a server still shutting down can fail.
	runs=$((runs + 1))
	sock="$work/tmux.$runs.sock"
	tmux -S "$sock" new-session -d -s "$pane" -x $cols -y $rows \
		"sleep 0.3; TERM=xterm-256color HIPCOACH_TIME_SCALE=$scale $pre '$hc' $*; echo \$? > '$work/rc'; sleep 60"
	tmux -S "$sock" pipe-pane -o -t "$pane" "cat >> '$work/raw'"
}

# bells: how many times the terminal bell rang so far.
bells() {
	tr -cd '\007' < "$work/raw" | wc -c | tr -d ' '
}

wait_exit() {
	n=0
	while [ ! -s "$work/rc" ] && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	[ -s "$work/rc" ] || { fail "hipcoach did not exit"; capture; return 1; }
	[ "$(cat "$work/rc")" = 0 ] || fail "hipcoach exited with $(cat "$work/rc")"
}

q() {
	sqlite3 -batch "$HIPCOACH_DB" "$1"
}

expect_sql() {
	got=$(q "$1")
	[ "$got" = "$2" ] || fail "$1: expected '$2', got '$got'"
}

"$hc" setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri \
	--run-days mon,wed,sat --long-run sat > /dev/null 2>&1 || fail "setup failed"

# 1. A whole stretch session, keys only.
start start stretch
wait_for "Pain in your hip right now?" && keys 2 Enter
wait_for "GET READY" && capture > "$work/ready.txt"
wait_for "hold 60 s" 20
sleep 0.5
capture > "$work/hold.txt"
for want in "Stretches · exercise 1 of 8 · LEFT leg" "HALF-KNEELING HIP FLEXOR STRETCH" \
	"SPACE pause · s skip · p it hurts · b back · q quit and save" "session " "next: RIGHT leg" "█" \
	"Kneel on your LEFT knee, your RIGHT" "▸ "; do
	grep -qF -- "$want" "$work/hold.txt" || fail "the hold screen lacks '$want'"
done
# The end of the get-ready countdown rang the bell.
[ "$(bells)" -ge 1 ] || fail "no bell at the end of the get-ready countdown"
# Pause: the countdown must stand still.
keys Space
wait_for "PAUSED"
before=$(capture | sed -n '3,7p')
sleep 1.5
[ "$(capture | sed -n '3,7p')" = "$before" ] || fail "the countdown moved while paused"
keys Space
# The other side: its own words.
wait_for "Kneel on your RIGHT knee, your LEFT" 20
# The first stretch felt painful (5/10); the others gentle.
wait_for "Gentle, with no pain?" 20 && keys n Enter
wait_for "How much did it hurt?" && keys 5 Enter
wait_for "Ease off" && keys Space
done_stretches=1
while [ $done_stretches -lt 8 ]; do
	wait_for "Gentle, with no pain?" 30 || break
	keys Enter
	done_stretches=$((done_stretches + 1))
	sleep 0.3
done
wait_for "Pain in your hip now that you are done?" 30 && keys 1 Enter
wait_for "Session complete" && capture > "$work/end.txt"
for want in "Half-kneeling hip flexor stretch  1 hold each side" "Cat-cow" \
	"Hamstring stretch                 1 hold each side" "13 holds done in "; do
	grep -qF -- "$want" "$work/end.txt" || fail "the end screen lacks '$want'"
done
keys Space
wait_exit
# The screen is gone; the summary stays in the terminal.
capture > "$work/after.txt"
for want in "Session complete. Well done." "Figure-4 stretch                  1 hold each side" \
	"13 holds done in "; do
	grep -qF -- "$want" "$work/after.txt" || fail "after the session the terminal lacks '$want'"
done
# The bell: the get-ready countdown, every hold, switch and rest (13 holds, 5 switches, 7 rests).
[ "$(bells)" = 26 ] || fail "expected 26 bells in the stretch session, heard $(bells)"

expect_sql "SELECT kind, status, pain_before, pain_after FROM sessions" "stretch|completed|2|1"
expect_sql "SELECT count(*) FROM results WHERE status = 'done'" "13"
expect_sql "SELECT gentle, pain FROM results WHERE step = (SELECT min(step) FROM results)" "0|5"
expect_sql "SELECT count(*) FROM results WHERE gentle = 1" "11"
expect_sql "SELECT count(*) FROM results WHERE seconds = 60" "13"
expect_sql "SELECT group_concat(side, ',') FROM (SELECT side FROM results WHERE exercise = 'figure-4-stretch' ORDER BY step)" "left,right"

# 2. A strength session: a rep set on screen, switch sides, quit midway, resume; the check-in asks
# the pain during the exercise.
scale=2
start start strength
wait_for "Pain in your hip right now?" && keys Enter
wait_for "tap SPACE when the set is done" 20
capture > "$work/reps.txt"
for want in "Strength · exercise 1 of 6 · set 1 of 2 · LEFT leg" "SINGLE-LEG TOE TAP" "12–15 reps" \
	"SPACE done · s skip · p it hurts · b back · q quit and save" "▸ hips stay level"; do
	grep -qF -- "$want" "$work/reps.txt" || fail "the rep screen lacks '$want'"
done
# The cue line shows form cues, not the dose again.
grep -qF "▸ LEFT leg" "$work/reps.txt" && fail "the cue line repeats the dose"
keys Space
wait_for "SWITCH SIDES" 5
capture > "$work/switch.txt"
grep -qF "RIGHT leg next" "$work/switch.txt" || fail "the switch-sides screen lacks 'RIGHT leg next'"
wait_for "set 1 of 2 · RIGHT leg" 5 && wait_for "tap SPACE when the set is done" 10 && keys Space
sleep 0.3
keys q
wait_exit
expect_sql "SELECT status, position FROM sessions WHERE kind = 'strength'" "unfinished|4"
expect_sql "SELECT count(*) FROM results r JOIN sessions s ON s.id = r.session_id WHERE s.kind = 'strength'" "2"

start start strength
wait_for "Resume where you stopped (Single-leg toe tap, set 2 of 2, LEFT leg)?" && keys Enter
# Straight to that set, not into the rest before it.
wait_for "set 2 of 2 · LEFT leg" 10 && capture > "$work/resumed.txt"
grep -qF "REST" "$work/resumed.txt" && fail "the resumed session started in a rest"
grep -qF "Stand tall on your LEFT leg" "$work/resumed.txt" ||
	fail "the resumed set lacks 'Stand tall on your LEFT leg'"
keys Space
wait_for "set 2 of 2 · RIGHT leg" 10 && wait_for "tap SPACE" 10 && keys Space
# Reps once for the exercise; "n" goes set by set.
wait_for "Did you do 15 reps in every set, each side?" && keys n Enter
wait_for "Reps done, set 1 LEFT leg" && keys Enter
wait_for "Reps done, set 1 RIGHT leg" && keys 1 3 Enter
wait_for "Reps done, set 2 LEFT leg" && keys Enter
wait_for "Reps done, set 2 RIGHT leg" && keys Enter
wait_for "Could you have done 3 more?" && keys y Enter
wait_for "Pain in your hip during it?" && keys 2 Enter
sleep 0.3
keys q
wait_exit
expect_sql "SELECT count(*) FROM sessions WHERE kind = 'strength'" "1"
expect_sql "SELECT group_concat(reps, ',') FROM (SELECT reps FROM results WHERE exercise = 'single-leg-toe-tap' ORDER BY step)" "15,13,15,15"
expect_sql "SELECT count(*) FROM results WHERE exercise = 'single-leg-toe-tap' AND reserve3 = 1" "4"
expect_sql "SELECT count(*) FROM results WHERE exercise = 'single-leg-toe-tap' AND pain = 2" "4"

# 3. "It hurts" on a stretch: ease off, never "up to 5 is acceptable"; 2/10 keeps the hold done.
scale=60
start start stretch --exercise quad-stretch
wait_for "Pain in your hip right now?" && keys Enter
wait_for "hold 60 s" 20 && keys p
wait_for "How much does it hurt?" && keys 2 Enter
wait_for "Ease off" && capture > "$work/ease.txt"
grep -qF "acceptable" "$work/ease.txt" && fail "a stretch that hurts was told pain is acceptable"
keys Space
wait_for "Carry on with Quad stretch?" && keys Enter
sleep 0.3
keys q
wait_exit
expect_sql "SELECT status, pain FROM results WHERE exercise = 'quad-stretch' ORDER BY id DESC LIMIT 1" "done|2"

# 4. --quiet on a tall terminal: no bell, and the countdown in digits of many rows; --voice with
# no espeak-ng on the PATH says so, once, and the session goes on.
cols=100 rows=50 pre="PATH=/nonexistent"
start start stretch --exercise hamstring-stretch --quiet --voice
wait_for "No voice: espeak-ng is not installed" && keys Enter
wait_for "hold 60 s" 20
sleep 0.3
capture > "$work/tall.txt"
tall=$(grep -c "█" "$work/tall.txt")
[ "$tall" -ge 10 ] || fail "on a 100x50 terminal the countdown is $tall rows high, not 10 or more"
grep -qF "rest your LEFT heel on it" "$work/tall.txt" || fail "the tall hold screen lacks 'rest your LEFT heel on it'"
wait_for "Gentle, with no pain?" 20 && keys Enter
wait_for "Pain in your hip now that you are done?" 20 && keys Enter
wait_for "Session complete" && keys Space
wait_exit
[ "$(bells)" = 0 ] || fail "--quiet still rang the bell $(bells) times"
cols=80 rows=24 pre=

# 5. A terminal curses cannot draw on: said once, and the session goes on line by line.
pre="TERM=no-such-terminal"
start start stretch --exercise quad-stretch
wait_for "the session goes on line by line" && capture > "$work/noterm.txt"
grep -qF "TERM=no-such-terminal" "$work/noterm.txt" || fail "the fallback does not name the terminal"
wait_for "Pain in your hip right now?" && keys C-c
pre=

if [ $fails = 0 ]; then
	echo "tui: passed"
	exit 0
fi
echo "tui: $fails failed"
exit 1
