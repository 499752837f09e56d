# Sam, busy weeks. Stretches most days (6 of 7), but manages only 1 of the 4 planned strength
# sessions in each fortnight. Runs less. Morning pain stays at 5/10.
# What a physical therapist expects (SAFETY.md section 4; the article's remedy is strength first):
# the program has not really been tried, so hipcoach does not say "it is not helping, see a
# physical therapist" at 2 weeks; it says how much strength work was done and asks for it.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every mon,wed,sat 2026-08-10..2026-09-06 19:00 log run --distance 12km --time 66:00
every mon,wed,sat 2026-09-07..2026-10-17 19:00 log run --distance 7km --time 40:00
# One strength session every other week.
2026-09-08 18:30 log session --kind strength
2026-09-22 18:30 log session --kind strength
2026-10-06 18:30 log session --kind strength
# Stretches every day but Sunday.
every mon,tue,wed,thu,fri,sat 2026-09-07..2026-10-17 20:00 log session --kind stretch
every tue,thu,sat 2026-09-08..2026-10-17 07:00 log pain 5 --when morning --where outer
# Two and four weeks in: no verdict on the program; do the strength work.
2026-09-21 expect-not see-pt
2026-09-21 expect on-track
2026-09-21 true status -- any(.advice[].message; contains("1 of 4 planned strength sessions"))
2026-09-21 true status -- any(.advice[].message; contains("strength first"))
2026-09-21 true status -- .adherence.strength_pct == 25
2026-10-05 expect-not see-pt
2026-10-05 true status -- any(.advice[].message; contains("1 of 4 planned strength sessions"))
