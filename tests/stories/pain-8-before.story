# Sam's hip is bad on Tuesday evening: 8 out of 10 before the strength session.
# What a physical therapist expects (SAFETY.md section 2: pain during above 5 is already too much;
# section 4: pain of 8 or more at any time means a physical therapist now): no loaded single-leg
# work that day. hipcoach says why, offers the gentle stretches or rest, records the session as
# skipped with the pain, and advises seeing a physical therapist.
2026-11-02 setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-11-02
2026-11-02 check --none
2026-11-03 07:00 log pain 4 --when morning
# Pain before 8; "Do the stretches instead?" no: rest.
2026-11-03 18:30 answers 8,n start strength -- No strength work today
2026-11-03 18:31 true history -- .sessions[-1] | .kind == "strength" and .status == "skipped" and .pain_before == 8
2026-11-03 18:31 expect see-pt
2026-11-03 18:31 true status -- .adherence.this_week.done == 0
# Trying again later that day: still no strength work, whatever the first answer; the stretches
# are offered, and taken (pain before 6, then q at the first hold).
2026-11-03 20:00 answers n start strength -- No strength work today
2026-11-03 20:05 answers y,6,q start strength -- Stretches
2026-11-03 20:05 true history -- .sessions | map(select(.kind == "strength")) | length == 1
2026-11-03 20:05 true history -- .sessions[-1] | .kind == "stretch" and .pain_before == 6
# Friday, pain 3 before: the strength session goes ahead.
2026-11-06 07:00 log pain 3 --when morning
2026-11-06 18:30 answers 3,q start strength -- Single-leg toe tap
2026-11-06 18:30 true history -- .sessions[-1] | .kind == "strength" and .pain_before == 3
