# Jo, 41, hip and buttock pain that sometimes runs down the leg. The program has back moves
# (press-up, cat-cow), so the screen asks about the nerves at the base of the spine too
# (cauda equina; NHS red flags for back-related leg symptoms, SAFETY.md section 1). Each of the
# three signs means: get care today, no exercise until seen.
2026-09-07 setup --level beginner --equipment mat --strength-days tue,fri --run-days mon,thu,sun --long-run sun --start 2026-09-07
# The three questions are asked, each as urgent care.
2026-09-07 true check --list -- [.[] | select(.severity == "urgent-care") | .id] | contains(["saddle-numbness", "bladder-bowel", "both-legs-weak"])
2026-09-07 check --none
every tue,fri 2026-09-08..2026-09-15 18:30 log session --kind strength
2026-09-15 log pain 4 --where back
# Numbness in the saddle area: care today, sessions paused.
2026-09-16 says check --yes saddle-numbness -- Get care today
2026-09-16 expect urgent-care
2026-09-16 fails start stretch
2026-09-16 says today -- Paused until a clinician has seen you
2026-09-17 check --cleared-by-clinician --note A&E
2026-09-17 expect-not urgent-care
# New trouble passing or holding urine or stool: the same.
2026-09-20 check --yes bladder-bowel
2026-09-20 expect urgent-care
2026-09-20 fails start stretch
2026-09-21 check --cleared-by-clinician
# Weakness in both legs: the same.
2026-09-24 check --yes both-legs-weak
2026-09-24 expect urgent-care
2026-09-24 fails start stretch
2026-09-25 check --cleared-by-clinician
2026-09-25 18:00 start stretch
