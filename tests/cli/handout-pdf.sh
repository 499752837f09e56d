# The handout: a PDF with every exercise and this runner's doses, the tick grid, when to get help,
# and the credit; read back with pdfinfo and pdftotext. A4 by default, Letter on request.

# pdf_check FILE STRING...: the page count and size, which exercises each page holds, and how
# often each STRING appears in the text (line breaks and the two columns flattened).
pdf_check() {
	f=$1
	shift
	pdfinfo "$f" | grep -E '^(Title|Creator|CreationDate|Pages|Page size):'
	n=$(pdfinfo "$f" | sed -n 's/^Pages: *//p')
	flat=$(pdftotext "$f" - | tr '\n' ' ' | tr -s ' ')
	{
		hipcoach exercises --json | sed -n 's/^ *"name": "\(.*\)",$/\1/p'
		printf '%s\n' "Single-leg mini squat" "Sit-to-stand" "Lying hamstring stretch" "Straight knee-to-chest hug"
	} > names.txt
	i=1
	while [ "$i" -le "$n" ]; do
		page=$(pdftotext -layout -f "$i" -l "$i" "$f" -)
		found=
		while IFS= read -r name; do
			if printf '%s\n' "$page" | grep -qE "(^ *|  )$name(  |\$)"; then
				found="$found${found:+, }$name"
			fi
		done < names.txt
		footer=$(printf '%s\n' "$page" | grep -o "page $i of $n")
		printf 'page %d [%s]: %s\n' "$i" "$footer" "${found:-no exercise}"
		i=$((i + 1))
	done
	rm -f names.txt
	for s in "$@"; do
		printf '%3d × %s\n' "$(printf '%s' "$flat" | grep -o -F -- "$s" | wc -l)" "$s"
	done
}

# Nothing to print before there is a profile.
run hipcoach handout
hipcoach setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri \
	--run-days mon,wed,sat --long-run sat --name "Sam Taylor" > /dev/null 2>&1
run hipcoach handout
ls *.pdf
pdf_check hipcoach-handout.pdf "Sam Taylor" "Beginner" "8 December 2026" \
	"Strength on Tuesday and Friday; stretches every day" \
	"2 sets × 12–15 each side" "2 sets × 12–15 · rest 45 s" "hold 60 s each side" "hold 60 s" \
	"about 60 s, moving with your breath" "How much pain is fine" \
	"See a physical therapist if…" "after 2 weeks of doing the program" \
	"Stop exercising and get care today" "hot, red or swollen" "Week 1" "7–13 Dec" "Week 6" \
	"Try These Exercises for Hip Pain to Run Longer and Faster Ache-Free" "Runner's World" \
	"Spencer Agnew, physical therapist" "Janet Hamilton, exercise physiologist" "Changed for you"

# Another level's doses, on Letter paper; the profile keeps its level.
run hipcoach handout -o heavy.pdf --level heavy --paper letter
pdf_check heavy.pdf "3 sets × 12–15 each side" "3 sets × 4–6" "dumbbells" \
	"Once moderate weights feel solid" "No dumbbells: Deadlift uses bodyweight dosage"
run hipcoach setup --show
# Miles mean Letter unless asked otherwise.
hipcoach setup --units mi,lb > /dev/null 2>&1
run hipcoach handout -o us.pdf
run hipcoach handout -o a4.pdf --paper A4
pdfinfo us.pdf | grep '^Page size:'
pdfinfo a4.pdf | grep '^Page size:'

# Usage errors, and a file that cannot be written leaves nothing behind.
run hipcoach handout --paper legal
run hipcoach handout --level expert
run hipcoach handout extra
run hipcoach handout -o missing/dir/handout.pdf
run hipcoach handout -o ''
ls *.pdf*

# A runner without a step or a chair, with dumbbells, whose outer and front hip hurt lately, started
# three weeks ago: the swapped versions by their own names and steps, the changes on their cards,
# the cautions in force, the stretch left out, and a tick grid from this week on.
hipcoach setup --level moderate --equipment mat,dumbbells --dumbbells 6,10,14 --strength-days auto \
	--run-days tue,thu,sun --long-run sun --units km,kg --name "" --start 2026-11-16 > /dev/null 2>&1
# (pain by location is seeded directly: the plan reads it from the last 14 days)
sqlite3 "$HIPCOACH_DB" "INSERT INTO pain (date, at, score, context, location) VALUES
	('2026-12-05', '2026-12-05T08:00:00Z', 4, 'now', 'outer'),
	('2026-12-06', '2026-12-06T08:00:00Z', 3, 'now', 'front')"
run hipcoach handout -o swaps.pdf
pdf_check swaps.pdf "STARTED" "16 November 2026" "Advanced, moderate weights" \
	"3 sets × 8–12, 10 kg dumbbells" "3 sets × 12–15 each side" "2 sets × 12–15 each side" \
	"No box or step: Single-leg step-down swapped for Single-leg mini squat." \
	"Stand on one leg, a hand on a wall." \
	"Stand side-on on a step" "drawing: Single-leg step-down, the standard version" \
	"No chair, bench or low table: Hamstring stretch swapped for Lying hamstring stretch." \
	"Hold behind one thigh, or use a towel." "a pillow between your knees" \
	"Stop just above that depth" "Figure-4 stretch left out" "Changed for you" \
	"Week 4" "7–13 Dec" "Week 9"
