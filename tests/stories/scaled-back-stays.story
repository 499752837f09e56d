# Sam, 34, first marathon, aching outer hip after long runs. A mat, a band and a stair.
# Before the program Sam ran about 38 km a week. From the first day of the program Sam cuts it
# to 18 km a week and keeps it there, does every session, and the hip does not get better.
#
# What a physical therapist expects: Sam has scaled back, and keeps on scaling back for as long
# as the running stays down. So after 2 weeks of the program, and again weeks later, the advice
# is to see a physical therapist, never "your running has not come down". "Scaled back" is
# judged against the running before the program (38 km a week), not against the last month
# (which is already the lower 18 km).
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
# Eight weeks before the program: 12 km on Monday and Wednesday, 14 km on Saturday (38 km a week).
every mon,wed 2026-07-13..2026-09-06 19:00 log run --distance 12km --time 66:00
every sat 2026-07-13..2026-09-06 09:00 log run --distance 14km --time 80:00
# The program from Monday 7 September: strength twice a week, stretches every day.
every tue,fri 2026-09-08..2026-11-06 18:30 log session --kind strength
every day 2026-09-07..2026-11-08 20:00 log session --kind stretch
# Running cut to 6 km three times a week (18 km a week, under half of before) and kept there.
every mon,wed,sat 2026-09-07..2026-11-07 19:00 log run --distance 6km --time 36:00
# Morning pain twice a week from the first day: 5 out of 10, not getting better.
every mon,thu 2026-09-07..2026-11-05 07:00 log pain 5 --when morning --where outer
# After 2 weeks of doing the program with running scaled back and no better: see a PT now.
2026-09-21 expect see-pt
2026-09-21 expect-not scale-back-running
# Day 41: the last month was all at the lower level, but it is still far below the 38 km of
# before the program. Sam has scaled back, and the advice to see a PT stands.
2026-10-18 expect see-pt
2026-10-18 expect-not scale-back-running
2026-10-18 says-not status -- running has not come down
2026-10-18 says today -- good, you scaled back
# The running-load screen shows what "scaled back" is measured against.
2026-10-18 says load -- 38.0 km a week
2026-10-18 true load -- .scaled_back == true and .baseline.per_week_m == 38000
# Weeks later, still at 18 km a week: still scaled back.
2026-11-08 true load -- .scaled_back == true
2026-11-08 true status -- .scaled_back_running == "yes"
2026-11-08 expect see-pt
