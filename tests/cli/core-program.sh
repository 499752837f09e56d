# Browsing the program, and loading another program file with errors naming file, exercise and field.
run hipcoach exercises
run hipcoach exercises --kind stretch --json
run hipcoach show clamshell
run hipcoach setup --level beginner --equipment mat,band,step
run hipcoach show hamstring-stretch --json
python3 - "$TOP/data/programs/hip-pain.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["exercises"][3]["kind"] = "cardio"
json.dump(d, open("bad-kind.json", "w"))
d = json.load(open(sys.argv[1]))
del d["exercises"][5]["steps"]
json.dump(d, open("no-steps.json", "w"))
d = json.load(open(sys.argv[1]))
d["levels"][0]["reps_max"] = 3
json.dump(d, open("bad-level.json", "w"))
PY
run hipcoach --program bad-kind.json exercises
run hipcoach --program no-steps.json exercises
HIPCOACH_PROGRAM=bad-level.json run hipcoach exercises
printf '{"format": 1, "id": ' > broken.json
run hipcoach --program broken.json exercises
run hipcoach --program nowhere.json exercises
# The exercise's drawing, as the handout and the web page show it.
run hipcoach show squat --png squat.png --svg squat.svg
file squat.png | cut -d: -f2
head -c 200 squat.svg | grep -o '<svg[^>]*width="[0-9]*[a-z]*"' | head -1
run hipcoach show squat --dark
