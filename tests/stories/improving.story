# Sam, 34, first marathon, aching outer hip after long runs. A mat, a band and a stair.
# Does the program as planned for 12 weeks, runs less, and the hip gets better.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
# Four weeks of running before the program: about 36 km a week.
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
# The program: strength twice a week, stretches every day, running cut to about 20 km a week.
every tue,fri 2026-09-08..2026-11-27 18:30 log session --kind strength
every day 2026-09-07..2026-11-29 20:00 log session --kind stretch
every mon,wed,sat 2026-09-07..2026-11-28 19:00 log run --distance 7km --time 40:00
# Morning pain, twice a week, easing from 5 to 1.
every tue,sat 2026-09-08..2026-11-28 07:00 log pain 5->1 --when morning --where outer
2026-09-21 expect-not see-pt
2026-10-19 expect on-track
2026-10-19 expect-not see-pt
2026-11-30 expect-not see-specialist
2026-11-30 expect-not see-pt
2026-11-30 says today -- getting better
