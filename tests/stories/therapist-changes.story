# Sam sees Ana, a physical therapist, after the first week. The clamshell irritates the outer hip,
# so Ana leaves it out; the squat she keeps light, 2 sets of 10-12 with 6 kg, whatever the level
# says; and she leaves Sam a note. What a physical therapist expects: the plan follows at once and
# says who changed what and why; the squat stays at Ana's dose while the other moves go up as
# usual (SAFETY.md section 3: two easy sessions, pain under control); where it hurts still comes
# first (section 6); and when Ana gives the squat back, progress takes it from there.
2026-11-30 setup --level moderate --equipment mat,band,step,dumbbells,chair --dumbbells 6,8,12 --strength-days tue,fri --start 2026-11-30
2026-11-30 check --none
2026-11-30 says plan --days 2 -- Squat 3 sets × 8–12, 8 kg dumbbells
2026-12-01 07:00 program-change --leave-out clamshell --dose "squat: 2 sets, 10-12 reps, 6 kg; figure-4: hold 45 s" --note "Bridges first, squats light until we meet again on the 15th." --who Ana --why "irritates the outer hip"
# The plan follows at once.
2026-12-01 says plan --days 1 -- Clamshell left out by your physical therapist (Ana): irritates the outer hip
2026-12-01 true plan --days 7 -- [.days[].sessions[].items[].exercise] | index("clamshell") == null
2026-12-01 says plan --days 1 -- Squat 2 sets × 10–12, 6 kg dumbbells
2026-12-01 says plan --days 1 -- Figure-4 stretch hold 45 s each side
2026-12-01 says plan --days 1 -- From your physical therapist · Ana, 1 December Bridges first, squats light until we meet again on the 15th.
2026-12-01 says today -- FROM YOUR PHYSICAL THERAPIST · Ana, 1 December Bridges first
2026-12-01 true today -- .therapist.note.who == "Ana" and (.therapist.left_out | map(.exercise)) == ["clamshell"]
2026-12-01 says status -- Squat 2 sets × 10–12, 6 kg dumbbells dose set by your physical therapist (Ana) on 1 December: irritates the outer hip
# Two easy strength sessions, the pain settled by the next morning: the deadlift goes up to the
# next dumbbell, the squat stays where Ana put it.
every tue,fri 2026-12-01..2026-12-04 18:30 log session --kind strength --pain-before 2 --pain-during 2 --effort rir3
every wed,sat 2026-12-02..2026-12-05 07:00 log pain 2 --when morning
2026-12-05 expect progress
2026-12-05 true status -- .exercises[] | select(.exercise == "deadlift") | .load_kg == 12
2026-12-05 true status -- .exercises[] | select(.exercise == "squat") | .sets == 2 and .reps_max == 12 and .load_kg == 6 and .decision == "hold" and .dose_set_by == "Ana"
2026-12-05 says status -- dose set by your physical therapist (Ana)
2026-12-05 says-not status -- Squat: 8 kg instead of 6 kg
# Outer-hip pain: the figure-4 is left out for it (SAFETY.md section 6), Ana's hold or not.
2026-12-07 07:00 log pain 3 --when morning --where outer
2026-12-07 says plan --days 1 -- Figure-4 stretch left out
2026-12-07 true plan --days 1 -- [.days[].sessions[].items[].exercise] | index("figure-4-stretch") == null
# Ana gives the squat back to the program and lifts the note; the clamshell stays out.
2026-12-15 07:00 program-change --dose none --note "" --who Ana --why "the squat is comfortable now"
2026-12-15 says plan --days 1 -- Squat: back to your program's dose, which your progress moves again — given back by your physical therapist (Ana)
2026-12-15 says-not plan --days 1 -- From your physical therapist
2026-12-15 says plan --days 1 -- Clamshell left out by your physical therapist (Ana): irritates the outer hip
2026-12-15 true status -- .exercises[] | select(.exercise == "squat") | .dose_set_by == null and .decision == "hold"
2026-12-15 true program-change -- .history | length == 2 and .[0].what == "Figure-4 stretch back to the program's dose; Squat back to the program's dose; the note removed"
