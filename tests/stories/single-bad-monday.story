# Sam does the program and runs less; the hip settles from 5/10 to a steady 3/10 by the third week.
# Then one bad Monday morning: 6/10 (after a rest day, not after a strength session), and back to
# 3 on Tuesday.
# What a physical therapist expects (SAFETY.md section 2): the trend uses the next-morning scores,
# needs at least 2 in a week, and one day never flips a 2-, 6- or 12-week decision. The bad Monday
# is day 42, the 6-week review: it must not turn "better" into "see a physical therapist", and it
# must not count as pain rising from week to week.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
every tue,fri 2026-09-08..2026-10-30 18:30 log session --kind strength
every day 2026-09-07..2026-11-01 20:00 log session --kind stretch
every mon,wed,sat 2026-09-07..2026-10-31 19:00 log run --distance 7km --time 40:00
every tue,thu,sat 2026-09-08..2026-09-12 07:00 log pain 5 --when morning --where outer
every tue,thu,sat 2026-09-15..2026-09-19 07:00 log pain 4 --when morning --where outer
every tue,thu,sat 2026-09-22..2026-10-17 07:00 log pain 3 --when morning --where outer
# Before the bad day: better, on track.
2026-10-18 expect on-track
2026-10-18 expect-not see-pt
# The bad Monday.
2026-10-19 07:00 log pain 6 --when morning --where outer
2026-10-19 expect-not see-pt
2026-10-19 expect-not step-back
2026-10-19 says today -- getting better
# Back to 3 on Tuesday: the week now holds one 6 and one 3.
2026-10-20 07:00 log pain 3 --when morning --where outer
2026-10-20 expect-not see-pt
2026-10-20 expect-not step-back
2026-10-20 says today -- getting better
every thu,sat 2026-10-22..2026-10-31 07:00 log pain 3 --when morning --where outer
2026-10-22 expect-not see-pt
2026-10-22 expect-not step-back
2026-10-26 expect-not see-pt
2026-10-26 expect-not step-back
2026-10-26 expect on-track
