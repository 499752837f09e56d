# Setup in line mode: plain questions, one answer per line; a wrong answer is asked again.
{ printf 'Sam\n5\n2\nmi,lb\nmat,kettlebell\nmat,dumbbells\n15,25\nmon,thu,sun\nsun\n\n'; yes n | head -22; } > answers
run hipcoach setup < answers
run hipcoach setup --show --json
# An empty input takes every default.
rm -f "$HIPCOACH_DB"
run hipcoach setup < /dev/null
