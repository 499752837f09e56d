# Sam does every strength session as prescribed: the top of the rep range in every set, pain during
# 2/10, and "could have done 3 more" (3 reps in reserve). The next morning's pain is low and easing.
# What a physical therapist expects (SAFETY.md section 3: ACSM 2009, Zourdos 2016): two such
# sessions in a row move an exercise up, one rung at a time: another set, then the harder version,
# then, at the top of the level, the suggestion to move to the next level.
# (Lines run in order, so the weeks are logged a fortnight at a time, each followed by its checks.)
2026-09-07 setup --level beginner --equipment mat,band,step --strength-days tue,fri --run-days mon,wed,sat --long-run sat --start 2026-09-07
2026-09-07 check --none
# Weeks 1 and 2: the morning after the second session, every exercise gets a third set.
every tue,fri 2026-09-08..2026-09-11 18:30 log session --kind strength --pain-during 2 --effort rir3
every wed,sat 2026-09-09..2026-09-12 07:00 log pain 3 --when morning
2026-09-12 expect progress
2026-09-12 expect-not step-back
2026-09-12 true status -- [.exercises[] | select(.exercise | test("toe-tap|step-down|glute-bridge|clamshell|deadlift|squat"))] | length == 6 and all(.sets == 3 and (.last_change.reason | contains("3 sets instead of 2")))
# Two more sessions: the harder version, back to 2 sets.
every tue,fri 2026-09-15..2026-09-18 18:30 log session --kind strength --pain-during 2 --effort rir3
every wed,sat 2026-09-16..2026-09-19 07:00 log pain 3 --when morning
2026-09-19 expect progress
2026-09-19 true status -- [.exercises[] | select(.exercise | test("toe-tap|step-down|glute-bridge|clamshell|deadlift|squat"))] | length == 6 and all(.variant != null and .sets == 2)
2026-09-19 true status -- [.exercises[] | select(.exercise | test("toe-tap|step-down|glute-bridge|clamshell|deadlift|squat"))] | length == 6 and all(.last_change.reason | contains("the harder"))
# Then the third set of the harder version.
every tue,fri 2026-09-22..2026-09-25 18:30 log session --kind strength --pain-during 2 --effort rir3
every wed,sat 2026-09-23..2026-09-26 07:00 log pain 2 --when morning
2026-09-26 true status -- [.exercises[] | select(.exercise | test("toe-tap|step-down|glute-bridge|clamshell|deadlift|squat"))] | length == 6 and all(.variant != null and .sets == 3)
# Then the top of the beginner level: the next level is suggested.
every tue,fri 2026-09-29..2026-10-02 18:30 log session --kind strength --pain-during 2 --effort rir3
every wed,sat 2026-09-30..2026-10-03 07:00 log pain 2 --when morning
2026-10-03 true status -- [.exercises[] | select(.exercise | test("toe-tap|step-down|glute-bridge|clamshell|deadlift|squat"))] | length == 6 and all(.reason | contains("consider the next level"))
2026-10-03 expect-not step-back
# The rest of the 12 weeks, the same: nothing steps back, nothing calls for a physical therapist.
every tue,fri 2026-10-06..2026-11-27 18:30 log session --kind strength --pain-during 2 --effort rir3
every wed,sat 2026-10-07..2026-11-28 07:00 log pain 2->1 --when morning
2026-11-30 expect-not step-back
2026-11-30 expect-not see-pt
2026-11-30 true status -- [.exercises[] | select(.exercise | test("toe-tap|step-down|glute-bridge|clamshell|deadlift|squat"))] | length == 6 and all(.variant != null and .sets == 3)
