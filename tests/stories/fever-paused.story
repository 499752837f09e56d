# A runner answers yes to "fever or feeling unwell" a month into the program. Until a clinician has
# seen them, nothing that loads the hip is scheduled anywhere (SAFETY.md section 1): no strength
# session and no long run on the today screen, in the plan, in the calendar; guided sessions refuse.
2026-11-02 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-11-02
2026-11-02 check --none
every tue,fri 2026-11-03..2026-11-27 18:30 log session --kind strength
# Tuesday 1 December, a strength day.
2026-12-01 says today -- hipcoach start strength
2026-12-01 says today -- long run
2026-12-01 check --yes fever
2026-12-01 expect urgent-care
2026-12-01 says today -- Paused until a clinician has seen you
2026-12-01 says-not today -- hipcoach start strength
2026-12-01 says-not today -- long run
2026-12-01 true today -- .paused and .next.strength == null and .next.long_run == null
2026-12-01 true plan --days 14 -- .paused and ([.days[].sessions[] | select(.kind == "strength")] | length) == 0
2026-12-01 says export ics --weeks 2 -o - -- STATUS:CANCELLED
2026-12-01 fails start strength
# Running is paused too: a run logged or imported, and the load screen, remind the runner.
2026-12-01 says log run --distance 5km --time 30:00 -- you were told to stop running
2026-12-01 says load -- you were told to stop running
# Seen at urgent care the next day: an infection was ruled out, and the clinician is happy for the
# runner to exercise again. Friday's strength session is back.
2026-12-02 check --cleared-by-clinician --note "urgent care, infection ruled out"
2026-12-02 expect-not urgent-care
2026-12-02 true today -- .paused == false
2026-12-04 says today -- hipcoach start strength
2026-12-04 says-not export ics --weeks 2 -o - -- STATUS:CANCELLED
2026-12-04 says-not log run --distance 5km --time 30:00 -- you were told to stop running
