# Sam does the program and runs less, but the hip stays at 5/10, so after 2 weeks hipcoach says to
# see a physical therapist. Sam books one and tells hipcoach: "hipcoach check --seeing-clinician".
# What a physical therapist expects: once the runner is under care, the advice to see one is no
# longer an alarm every day; it becomes a calm reminder once a week, and the report names who is
# looking after the hip. A new pain of 8/10 is still an alarm (SAFETY.md section 4).
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
every tue,fri 2026-09-08..2026-10-23 18:30 log session --kind strength
every day 2026-09-07..2026-10-25 20:00 log session --kind stretch
every mon,wed,sat 2026-09-07..2026-10-24 19:00 log run --distance 7km --time 40:00
every tue,thu,sat 2026-09-08..2026-10-24 07:00 log pain 5 --when morning --where outer
2026-09-21 expect see-pt
# Tuesday 22 September: Sam sees Jo, a physiotherapist, who takes over the hip.
2026-09-22 10:00 check --seeing-clinician --note Jo
2026-09-22 12:00 expect-not see-pt
2026-09-22 12:00 says status -- Under the care of Jo since 22 September
# No alarm on the days between: the reminder comes once a week, on the same weekday.
2026-09-23 expect-not see-pt
2026-09-23 expect-not under-care
2026-09-26 expect-not see-pt
2026-09-26 expect-not under-care
2026-09-29 expect under-care
2026-09-29 expect-not see-pt
2026-09-29 true status -- any(.advice[].message; contains("once a week"))
2026-09-30 expect-not under-care
# Six weeks: still acknowledged, still calm.
2026-10-19 expect-not see-pt
2026-10-20 expect under-care
2026-10-20 expect-not see-pt
# A new pain of 8/10 is an alarm even under care: tell them now.
2026-10-21 07:00 log pain 8 --when now --where outer
2026-10-21 expect see-pt
