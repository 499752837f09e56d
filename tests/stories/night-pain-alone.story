# Alex, 29, runs about 40 km a week; the outside of her hip aches, and it aches at night when
# she lies on that side. Night pain on its own is common with outer-hip tendon pain (Grimaldi &
# Fearon, JOSPT 2015; SAFETY.md section 1): hipcoach tells her to see a doctor within two weeks,
# and the program goes on. Night pain together with a bone-stress sign (here: hopping has hurt)
# is different: stop running, see a clinician within days, and guided sessions pause.
2026-09-07 setup --level beginner --equipment mat,band --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 says check --yes night-rest-pain -- See your doctor within the next two weeks
2026-09-07 expect see-doctor-soon
2026-09-07 expect-not bone-stress
2026-09-07 true status -- .screening.blocked == false
# The program goes on: the first strength session starts (no answers typed, so it stops at once).
2026-09-08 18:00 start strength
2026-09-08 says-not today -- Paused until a clinician has seen you
# Two weeks later, she noticed that hopping on that leg hurt (hipcoach never asks anyone to hop
# to find out). With night pain, that is a possible bone stress injury of the hip.
2026-09-21 says check --yes night-rest-pain,hopping-hurt -- Stop running
2026-09-21 expect bone-stress
# The night pain now counts with the bone-stress advice, not a second time as "see a doctor".
2026-09-21 expect-not see-doctor-soon
2026-09-21 true status -- .screening.blocked
2026-09-21 fails start stretch
# Standing on one leg hurting is, like night pain, not enough on its own.
2026-09-22 check --cleared-by-clinician --note GP
2026-09-28 check --yes stand-one-leg
2026-09-28 expect see-doctor-soon
2026-09-28 expect-not bone-stress
2026-09-28 18:00 start stretch
