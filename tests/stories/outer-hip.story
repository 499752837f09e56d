# Sam logs pain on the outside of the hip. Positions that take the knee across the body press on the
# sore tendons there (Grimaldi & Fearon, JOSPT 2015): the knee hug is done straight to the chest
# instead of toward the opposite shoulder, and the figure-4 is left out while the pain lasts.
2026-11-02 setup --level beginner --equipment mat,band,step --strength-days tue,fri --start 2026-11-02
2026-11-02 check --none
2026-11-02 says plan --days 1 -- Knee hug stretch
2026-11-03 07:00 log pain 4 --when morning --where outer
2026-11-03 says plan --days 1 -- Straight knee-to-chest hug
2026-11-03 says plan --days 1 -- Figure-4 stretch left out
2026-11-03 says-not plan --days 1 -- Knee hug stretch   hold
2026-11-03 says show knee-hug-stretch -- Straight knee-to-chest hug
# Two weeks without outer-hip pain: the usual stretches come back.
2026-11-18 says plan --days 1 -- Figure-4 stretch
