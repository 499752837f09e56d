# Priya, 45, front-of-hip pain. Does the program and runs less, but the hip gets worse: morning
# pain 3/10 in the first week, one point more each week, up to 7/10.
# What a physical therapist expects (SAFETY.md sections 2 and 4): pain must not rise from week to
# week, so first "step back" (do less); after 2 weeks of the program, "see a physical therapist";
# and the advice calls it what it is: worse, by how many points, never "less than 2 points better".
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
every tue,fri 2026-09-08..2026-10-16 18:30 log session --kind strength
every day 2026-09-07..2026-10-18 20:00 log session --kind stretch
every mon,wed,sat 2026-09-07..2026-10-17 19:00 log run --distance 7km --time 40:00
# Morning pain, Tuesday, Thursday and Saturday: 3, then 4, 5, 6, and 7 from the fifth week.
every tue,thu,sat 2026-09-08..2026-09-12 07:00 log pain 3 --when morning --where front
every tue,thu,sat 2026-09-15..2026-09-19 07:00 log pain 4 --when morning --where front
# End of week 2: a point up on the week before. Step back; too early for the 2-week rule.
2026-09-19 12:00 expect step-back
2026-09-19 12:00 expect-not see-pt
every tue,thu,sat 2026-09-22..2026-09-26 07:00 log pain 5 --when morning --where front
# Week 3: worse by 2 points than the first week, after 2 weeks of the program: see a PT.
2026-09-26 12:00 expect see-pt
2026-09-26 12:00 expect step-back
2026-09-26 12:00 true status -- any(.advice[].message; contains("worse by 2 points"))
2026-09-26 12:00 true status -- all(.advice[].message; contains("no better") | not)
every tue,thu,sat 2026-09-29..2026-10-03 07:00 log pain 6 --when morning --where front
every tue,thu,sat 2026-10-06..2026-10-17 07:00 log pain 7 --when morning --where front
# Six weeks: 4 points worse than at the start.
2026-10-19 expect see-pt
2026-10-19 true status -- any(.advice[].message; contains("worse by 4 points"))
2026-10-19 true status -- all(.advice[].message; contains("less than the 2 points") | not)
2026-10-19 says today -- getting worse
