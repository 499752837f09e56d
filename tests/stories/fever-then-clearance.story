# Sam, 34, first marathon, outer-hip ache. Two weeks in he has a fever and his hip is hot and
# swollen: that can mean an infection in the joint (NHS hip pathways, SAFETY.md section 1).
# hipcoach says get care today and pauses every guided session until he records that a
# clinician has seen him and agrees he can exercise. Night pain he mentions later, on its own,
# does not pause anything again.
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
every tue,fri 2026-09-08..2026-09-18 18:30 log session --kind strength
every day 2026-09-07..2026-09-20 20:00 log session --kind stretch
2026-09-21 says check --yes fever -- Get care today
2026-09-21 expect urgent-care
2026-09-21 true today -- .blocked
2026-09-21 says today -- Paused until a clinician has seen you
2026-09-22 fails start strength
2026-09-22 fails start stretch
# A later round of all "no" does not lift the pause: only a clinician does.
2026-09-23 check --none
2026-09-23 expect urgent-care
2026-09-23 fails start stretch
# Seen at urgent care: not an infection; cleared to exercise (the note says who saw him).
2026-09-24 check --cleared-by-clinician --note urgent-care
2026-09-24 expect-not urgent-care
2026-09-24 true today -- .blocked == false
2026-09-24 says-not today -- Paused until a clinician has seen you
2026-09-25 18:00 start strength
# A week later his hip still aches at night when he lies on that side. On its own that is common
# with outer-hip tendon pain (Grimaldi & Fearon, JOSPT 2015): see a doctor within two weeks, and
# the sessions go on.
2026-10-01 check --yes night-rest-pain
2026-10-01 expect see-doctor-soon
2026-10-01 expect-not urgent-care
2026-10-01 expect-not bone-stress
2026-10-02 18:00 start strength
