# Sam, 34, outer-hip ache, morning pain steady at 2. A jump of 3 points or more within 7 days,
# or a rise of 3 or more over last week's average, can mean something other than overuse: the
# safety questions must be answered again before the next guided session (SAFETY.md section 1).
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every tue,fri 2026-09-08..2026-09-18 18:30 log session --kind strength
every tue,sat 2026-09-08..2026-09-19 07:00 log pain 2 --when morning
# A rise of 2 (2 to 4) is not enough.
2026-09-20 07:00 log pain 4 --when morning
2026-09-20 true today -- .screening_needed == false
2026-09-20 18:00 start stretch
# A jump of 3 (2 on Saturday, 5 on Tuesday): required before the next session.
2026-09-22 07:00 log pain 5 --when morning
2026-09-22 true today -- .screening_needed
2026-09-22 says today -- safety questions
2026-09-22 says status -- safety questions
2026-09-22 fails start strength
# Answered (all no): the session goes ahead.
2026-09-22 09:00 check --none
2026-09-22 true today -- .screening_needed == false
2026-09-22 18:00 start strength
# Then nothing logged for a while; pain back at 2 this week.
2026-09-29 07:00 log pain 2 --when morning
2026-10-01 07:00 log pain 2 --when morning
# Ten days later, 5: no score in the 7 days before, but 3 above last week's average of 2.
2026-10-11 07:00 log pain 5 --when morning
2026-10-11 true today -- .screening_needed
2026-10-11 fails start stretch
2026-10-11 09:00 check --none
2026-10-11 18:00 start stretch
