# Sam opens Tuesday's strength session, answers the first question and closes it at once. On Friday
# Sam goes through the whole session pressing "skip" at every set. Neither is a session done.
# What a physical therapist expects (SAFETY.md section 4: adherence is sessions done over sessions
# planned): a session with nothing done is recorded as skipped; it does not count toward the week,
# the streak or adherence, and the history says so.
2026-11-02 setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-11-02
2026-11-02 check --none
2026-11-02 20:00 log session --kind stretch
2026-11-03 07:00 log pain 2 --when morning
# Tuesday evening: the pain before the session (2), then q at the first set.
2026-11-03 18:30 answers 2,q start strength
2026-11-03 19:00 says history -- skipped
2026-11-03 19:00 true history -- .sessions[-1] | .kind == "strength" and .status == "skipped"
2026-11-03 19:00 true today -- .week_done == 1 and .streak == 1
2026-11-03 19:00 true today -- .sessions[0] | .done == false and .resumable == false
2026-11-03 19:00 true status -- .adherence.this_week.done == 1
# Friday evening: the pain before (2), "s" at each of the 20 sets, no pain after.
2026-11-06 18:30 answers 2,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s, start strength
2026-11-06 19:00 true history -- .sessions[-1] | .kind == "strength" and .status == "skipped"
2026-11-06 19:00 true today -- .week_done == 1 and .streak == 0
2026-11-06 19:00 true today -- .sessions[0].done == false
2026-11-06 19:00 true status -- .adherence.this_week.done == 1
# Saturday: the stretches, done, count as usual.
2026-11-07 20:00 log session --kind stretch
2026-11-07 20:05 true today -- .week_done == 2 and .streak == 1
