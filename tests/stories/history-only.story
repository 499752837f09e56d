# Maya, 24, runs 50 km a week and had a stress fracture in her foot two years ago. A past
# stress fracture makes another one more likely (Kraus, BJSM 2019), but on its own it is not a
# sign of one now (SAFETY.md section 1): hipcoach does not pause her sessions; it says to take
# more care (build running back more slowly, see a clinician sooner if bone pain starts).
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 says check --yes stress-fracture-history -- TAKE MORE CARE
2026-09-07 expect caution
2026-09-07 expect-not bone-stress
2026-09-07 true status -- .screening.blocked == false
2026-09-08 18:00 start strength
2026-09-08 true status -- [.advice[] | select(.code == "caution") | .message | contains("build your running back more slowly")] == [true]
# Her physical therapist has heard her history and agrees she can exercise.
2026-09-14 check --cleared-by-clinician --note physio
2026-09-14 expect-not caution
# The history questions are not asked again: the clinician has heard them. The next round asks
# the rest, all no, and she stays clear.
2026-09-14 true check --list -- [.[] | select(.history) | .asked] == [false, false, false]
2026-09-14 true check --list -- [.[] | select(.id == "fever") | .asked] == [true]
2026-10-05 check --none
2026-10-05 expect-not caution
2026-10-05 expect-not bone-stress
2026-10-05 true status -- .screening.blocked == false and .screening.yes == []
2026-10-06 18:00 start strength
