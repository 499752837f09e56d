# Sam feels the step-down a little (2 or 3 out of 10) and says so with "it hurts" during a set,
# three sessions in a row; other sessions are logged by hand with pain during 3.
# What a physical therapist expects (SAFETY.md section 2, Silbernagel 2007: up to 5/10 during
# strength work is acceptable if it settles by the next morning): a rating of 2 or 3 is not "it
# hurts". The set counts as done, nothing steps back, and it never adds up to "see a physical
# therapist"; that stays for pain above 5, pain that does not settle, or pain of 8.
2026-11-02 setup --level beginner --equipment mat,band,step,chair --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-11-02
2026-11-02 check --none
# The step-down alone (2 sets on each leg), in the line-mode player: pain before 2, then "p" at
# the first set and a rating of 2 or 3, carry on; the other sets done; the check-in (reps as
# prescribed, 3 more: yes, pain during 2 or 3); pain after 2.
2026-11-03 07:00 log pain 2 --when morning
2026-11-03 18:30 answers 2,p,3,,,,,,y,3,2 start strength --exercise single-leg-step-down -- is acceptable
2026-11-04 07:00 log pain 2 --when morning
2026-11-06 18:30 answers 2,p,2,,,,,,y,2,2 start strength --exercise single-leg-step-down -- is acceptable
2026-11-07 07:00 log pain 2 --when morning
2026-11-10 18:30 answers 2,p,3,,,,,,y,3,2 start strength --exercise single-leg-step-down -- is acceptable
2026-11-11 07:00 log pain 2 --when morning
2026-11-11 expect-not step-back
2026-11-11 expect-not see-pt
2026-11-11 true history -- [.sessions[].items[].sets[] | select(.status == "hurt")] | length == 0
2026-11-11 true history -- [.sessions[].items[].sets[] | select(.pain == 3)] | length > 0
2026-11-11 true status -- .exercises[] | select(.exercise == "single-leg-step-down") | .decision != "step-back" and .sets >= 2
# A full session logged by hand with pain during 3, and a pain check-in during exercise of 3.
2026-11-13 18:30 log session --kind strength --pain-during 3 --effort 6
2026-11-13 18:30 log pain 3 --when during
2026-11-14 07:00 log pain 2 --when morning
2026-11-14 expect-not step-back
2026-11-14 expect-not see-pt
2026-11-14 true history -- .sessions[-1].items[0].sets[0] | .pain == 3 and .rpe == 6
