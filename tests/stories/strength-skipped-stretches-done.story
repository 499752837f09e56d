# Sam likes the stretches and does them every day, but skips every strength session. Runs less.
# Morning pain stays at 5/10.
# What a physical therapist expects (SAFETY.md section 4): "doing the program" means the strength
# work first (at least 3 of 4 planned strength sessions) as well as stretching on at least half the
# days. Stretches alone are not the program, so there is no "it is not helping" verdict, and the
# advice asks for the strength sessions.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
every mon,wed,sat 2026-09-07..2026-10-03 19:00 log run --distance 7km --time 40:00
every day 2026-09-07..2026-10-04 20:00 log session --kind stretch
every tue,thu,sat 2026-09-08..2026-10-03 07:00 log pain 5 --when morning --where outer
2026-09-21 expect-not see-pt
2026-09-21 true status -- any(.advice[].message; contains("0 of 4 planned strength sessions"))
2026-09-21 true status -- .adherence.strength_pct == 0 and .adherence.stretch_pct == 100
2026-10-05 expect-not see-pt
2026-10-05 true status -- any(.advice[].message; contains("0 of 4 planned strength sessions"))
