# Priya does the program and runs less. Her morning pain stays at 4/10, but she can do more:
# she scores two activities on the Patient-Specific Functional Scale (0 cannot do, 10 as before),
# and their average rises from 3 to 6.
# What a physical therapist expects (SAFETY.md sections 4 and 7): a gain of 2 points or more on
# the PSFS average is a real improvement; with the pain flat it counts against "not better", so
# no referral at 2 weeks, and the advice says what improved. A pain of 8/10 would still mean
# "see a physical therapist now" (not shown here), and 12 weeks of unchanged pain still means a
# specialist.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
2026-09-07 psfs add running-10-km
2026-09-07 psfs add sitting-through-a-film
2026-09-07 psfs score 1 2
2026-09-07 psfs score 2 4
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
every tue,fri 2026-09-08..2026-11-27 18:30 log session --kind strength
every day 2026-09-07..2026-11-29 20:00 log session --kind stretch
every mon,wed,sat 2026-09-07..2026-11-28 19:00 log run --distance 7km --time 40:00
every tue,thu,sat 2026-09-08..2026-11-28 07:00 log pain 4 --when morning --where outer
2026-09-20 psfs score 1 5
2026-09-20 psfs score 2 7
2026-09-21 expect-not see-pt
2026-09-21 expect on-track
2026-09-21 true status -- any(.advice[].message; contains("daily activities"))
2026-10-19 expect-not see-pt
2026-11-30 expect see-specialist
