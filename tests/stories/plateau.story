# Sam, 34, aching outer hip. Does the whole program (strength twice a week, stretches every day)
# and cuts running from about 36 to 21 km a week, but the hip does not change: morning pain stays
# at 5/10 week after week.
# What a physical therapist expects (SAFETY.md section 4): after 2 weeks of doing the program and
# running less, "see a physical therapist"; at 6 weeks still the same, "see a physical therapist";
# at 12 weeks, a specialist. The advice says plainly that the pain is about the same.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
# Four weeks of running before the program: about 36 km a week.
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
# The program, done as planned; running cut to about 21 km a week.
every tue,fri 2026-09-08..2026-11-27 18:30 log session --kind strength
every day 2026-09-07..2026-11-29 20:00 log session --kind stretch
every mon,wed,sat 2026-09-07..2026-11-28 19:00 log run --distance 7km --time 40:00
# Morning pain three times a week, always 5.
every tue,thu,sat 2026-09-08..2026-11-28 07:00 log pain 5 --when morning --where outer
# One week in: too early to judge.
2026-09-14 expect-not see-pt
# Two weeks of doing the program and running less, no better: see a physical therapist.
2026-09-21 expect see-pt
2026-09-21 true status -- any(.advice[].message; contains("about the same"))
2026-09-21 true status -- all(.advice[].message; contains("less than") | not)
# Six weeks: still the same.
2026-10-19 expect see-pt
2026-10-19 true status -- any(.advice[].message; contains("after 6 weeks"))
2026-10-19 true status -- any(.advice[].message; contains("about the same"))
2026-10-19 says today -- about the same
# Twelve weeks: a specialist.
2026-11-30 expect see-specialist
2026-11-30 true status -- any(.advice[].message; contains("about the same"))
