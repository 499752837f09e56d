# Priya, 45, ultra runner, front-of-hip pain that comes and goes. Six weeks into the program,
# doing well, she logs pain in the groin. Groin pain can come from the bone (a stress injury of
# the femoral neck), so the safety questions must be answered again before her next session
# (SAFETY.md section 1). She says the groin pain has moved from after runs to during runs: stop
# running, see a clinician within days; sessions pause until one clears her.
2026-08-03 setup --level moderate --equipment mat,band,step,dumbbells --dumbbells 6,8,10 --strength-days mon,thu --run-days tue,wed,fri,sat,sun --long-run sun --start 2026-08-03
2026-08-03 check --none
every mon,thu 2026-08-03..2026-09-10 18:30 log session --kind strength
every day 2026-08-03..2026-09-13 20:00 log session --kind stretch
every tue,sat 2026-08-04..2026-09-12 07:00 log pain 4->2 --when morning --where front
2026-09-13 expect-not bone-stress
2026-09-13 true today -- .screening_needed == false
# Week 7: pain in the groin.
2026-09-14 07:00 log pain 3 --when morning --where groin
2026-09-14 true today -- .screening_needed
2026-09-14 says today -- safety questions
2026-09-14 fails start strength
# She answers: the groin pain has been getting worse through her runs.
2026-09-14 09:00 says check --yes groin-pain-progressing -- Stop running
2026-09-14 expect bone-stress
2026-09-14 true today -- .blocked and .screening_needed == false
2026-09-14 says today -- Paused until a clinician has seen you
2026-09-14 18:00 fails start strength
2026-09-17 fails start stretch
# An MRI is clear; her sports doctor clears her to exercise.
2026-09-18 check --cleared-by-clinician --note sports-doctor
2026-09-18 expect-not bone-stress
2026-09-18 18:00 start strength
