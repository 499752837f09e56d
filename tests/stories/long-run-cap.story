# Sam again, with an outer hip that aches after long runs. Sam's long run has been 14 km every
# Saturday. One Saturday Sam runs 20 km: a jump of 43% on the longest run of the month before,
# which in a study of 5,205 runners came with a higher injury rate (Frandsen et al., BJSM 2025).
# Two days later Sam runs 16 km.
#
# What a physical therapist expects: one number for how long the next long run may be, the same
# in the warning, on the running-load screen and on the today screen. The 20 km jump itself never
# raises that number: it counts only as far as the 14 km it jumped from.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
# Five weeks before the program: 8 km on Monday and Wednesday, 14 km on Saturday.
every mon,wed 2026-08-03..2026-09-09 19:00 log run --distance 8km --time 48:00
every sat 2026-08-03..2026-09-06 09:00 log run --distance 14km --time 84:00
# Saturday 12 September: 20 km.
2026-09-12 09:00 log run --distance 20km --time 120:00
# The next day: the cap is still 14 km + 10%, everywhere, and the warning says the same.
2026-09-13 says load -- Keep your next runs under 15.4 km
2026-09-13 says load -- Next long run: at most 15.4 km
2026-09-13 says today -- at most 15.4 km
2026-09-13 says-not load -- 22.0 km
2026-09-13 true load -- .long_run_cap_m == 15400
# Monday: 16 km, shorter than Saturday's 20 km, so not a jump on the month before.
2026-09-14 19:00 log run --distance 16km --time 96:00
# Tuesday: the warning about Saturday still stands, and it gives the same cap as the load and
# today screens: 16 km + 10%.
2026-09-15 says load -- Keep your next runs under 17.6 km
2026-09-15 says load -- Next long run: at most 17.6 km
2026-09-15 says today -- at most 17.6 km
2026-09-15 says status -- Keep your next runs under 17.6 km
2026-09-15 true load -- .long_run_cap_m == 17600
2026-09-15 true today -- .long_run_cap_m == 17600
