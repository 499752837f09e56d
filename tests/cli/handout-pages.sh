# The handout's pages, as a runner prints them: a beginner, and the moderate and heavy levels with
# dumbbells and cautions in force, each on A4 and on Letter. For each: the page count, every page
# rasterised with pdftoppm (the pictures a person looks at), the runner's name in the header, and
# whether any dumbbell is drawn.

# pages FILE: the page count and size, then each page rendered to PNG at 36 dpi with its pixel size.
pages() {
	pdfinfo "$1" | grep -E '^(Pages|Page size):'
	rm -f page-*.png
	pdftoppm -r 36 -png "$1" page || echo "pdftoppm failed on $1"
	for png in page-*.png; do
		printf '%s: %s\n' "$png" "$(file -b "$png" | cut -d, -f2 | tr -d ' ')"
	done
}

# dumbbells FILE: how many shapes are filled in the dumbbells' colour (#3d4653) on all pages.
dumbbells() {
	python3 - "$1" <<'PY'
import re, sys, zlib
pdf = open(sys.argv[1], 'rb').read()
n = 0
for m in re.finditer(rb'stream\r?\n(.*?)\r?\nendstream', pdf, re.S):
    try:
        data = zlib.decompress(m.group(1))
    except zlib.error:
        data = m.group(1)
    n += len(re.findall(rb'0\.239216 0\.27451 0\.32549 rg', data))
print('dumbbells drawn: %d' % n)
PY
}

# Sam: a beginner with a mat, a band, a step and a chair -- and dumbbells in the garage, which a
# beginner's doses do not use, so no drawing shows them.
hipcoach setup --level beginner --equipment mat,band,step,chair,dumbbells --dumbbells 4,6 \
	--strength-days tue,fri --run-days mon,wed,sat --long-run sat --name "Sam Taylor" > /dev/null 2>&1
run hipcoach handout -o beginner-a4.pdf --paper a4
pages beginner-a4.pdf
dumbbells beginner-a4.pdf
pdftotext -f 1 -l 1 beginner-a4.pdf - | grep -x -E 'NAME|Sam Taylor'
run hipcoach handout -o beginner-letter.pdf --paper letter
pages beginner-letter.pdf
dumbbells beginner-letter.pdf

# Without a name, a line to write one on.
hipcoach setup --name "" > /dev/null 2>&1
hipcoach handout -o noname.pdf > /dev/null
pdftotext -f 1 -l 1 noname.pdf - | grep -c 'Sam Taylor'

# Priya: moderate weights, no step or chair, outer and front hip pain lately: swapped exercises,
# cautions on their cards, a stretch left out, dumbbells in the hands that hold them.
hipcoach setup --level moderate --equipment mat,dumbbells --dumbbells 6,10,14 --strength-days auto \
	--run-days tue,thu,sun --long-run sun --units km,kg --name "Priya Shah" --start 2026-11-16 \
	> /dev/null 2>&1
sqlite3 "$HIPCOACH_DB" "INSERT INTO pain (date, at, score, context, location) VALUES
	('2026-12-05', '2026-12-05T08:00:00Z', 4, 'now', 'outer'),
	('2026-12-06', '2026-12-06T08:00:00Z', 3, 'now', 'front')"
run hipcoach handout -o moderate-a4.pdf --paper a4
pages moderate-a4.pdf
dumbbells moderate-a4.pdf
pdftotext moderate-a4.pdf - | grep -c -E '^(Outer hip pain|Front of the hip pinches)'
run hipcoach handout -o moderate-letter.pdf --paper letter
pages moderate-letter.pdf
run hipcoach handout -o heavy-a4.pdf --paper a4 --level heavy
pages heavy-a4.pdf
dumbbells heavy-a4.pdf
run hipcoach handout -o heavy-letter.pdf --paper letter --level heavy
pages heavy-letter.pdf
