# Two runners who have had cancer (NHS hip pathways, SAFETY.md section 1). New bone pain after
# a cancer must be checked quickly: get care today. A past cancer without new bone pain means
# seeing a doctor within two weeks. One question routes each of them; no answer counts twice.
#
# Ruth, 58, treated for breast cancer five years ago; her hip pain is new and feels deep in
# the bone. She answers yes to the first cancer question, and is not asked the second.
2026-09-07 setup --level beginner --equipment mat --strength-days tue,fri --start 2026-09-07
2026-09-07 true check --list -- [.[] | select(.id == "cancer-history") | .after_no_to] == ["cancer-bone-pain"]
2026-09-07 says check --yes cancer-bone-pain -- Get care today
2026-09-07 expect urgent-care
2026-09-07 expect-not see-doctor-soon
2026-09-07 fails start stretch
# Even when both are ticked on the command line, the past cancer is not counted a second time.
2026-09-08 check --yes cancer-bone-pain,cancer-history
2026-09-08 expect urgent-care
2026-09-08 expect-not see-doctor-soon
# Cleared at the hospital: the pain is from the tendons, not the bone. Her next round: no new
# bone pain, but she has had cancer: see a doctor within two weeks; sessions go ahead.
2026-09-09 check --cleared-by-clinician --note oncology
2026-09-14 says check --yes cancer-history -- See your doctor within the next two weeks
2026-09-14 expect see-doctor-soon
2026-09-14 expect-not urgent-care
2026-09-14 true status -- .screening.blocked == false
2026-09-15 18:00 start strength
