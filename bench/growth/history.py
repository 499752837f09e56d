#!/usr/bin/env python3
"""Fills a hipcoach database (set up, with a profile) with a year of the program, the same at every
size, and RUNS runs before today: one a day going back, 6 to 18 km, so that the last weeks are the
same at 1,000 runs as at 10,000 and only how much history lies behind them changes.

    history.py DB RUNS"""
import datetime
import random
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
nruns = int(sys.argv[2])
rng = random.Random(1)
end = datetime.date(2026, 12, 7)
start = end - datetime.timedelta(days=364)
strength = ["single-leg-toe-tap", "single-leg-step-down", "single-leg-glute-bridge",
            "clamshell", "deadlift", "squat"]
stretch = ["half-kneeling-hip-flexor-stretch", "figure-4-stretch", "knee-hug-stretch", "cat-cow",
           "quad-stretch", "butterfly-stretch", "press-up", "hamstring-stretch"]
per_side = {"single-leg-toe-tap", "single-leg-step-down", "single-leg-glute-bridge", "clamshell",
            "half-kneeling-hip-flexor-stretch", "figure-4-stretch", "knee-hug-stretch",
            "quad-stretch", "hamstring-stretch"}


def iso(d, h=7):
    return f"{d.isoformat()}T{h:02d}:30:00Z"


with db:
    db.execute("UPDATE profile SET start_date = ?", (start.isoformat(),))
    d = start
    while d <= end:
        wd = d.weekday()
        for kind in ["stretch"] + (["strength"] if wd in (1, 4) else []):
            if rng.random() < 0.15:
                continue
            sid = db.execute(
                "INSERT INTO sessions (date, kind, status, origin, started_at, finished_at, "
                "position, pain_before, pain_after) VALUES (?, ?, 'completed', 'player', ?, ?, 0, "
                "?, ?)", (d.isoformat(), kind, iso(d), iso(d, 8), rng.randint(0, 4),
                          rng.randint(0, 4))).lastrowid
            step = 0
            for ex in (strength if kind == "strength" else stretch):
                for s in range(1, (3 if kind == "strength" else 2)):
                    for side in (["left", "right"] if ex in per_side else [None]):
                        db.execute(
                            "INSERT INTO results (session_id, step, exercise, set_no, side, "
                            "status, reps, seconds, load, rpe, pain, gentle, at) VALUES "
                            "(?, ?, ?, ?, ?, 'done', ?, ?, 'bodyweight', ?, ?, ?, ?)",
                            (sid, step, ex, s, side, 14 if kind == "strength" else None,
                             None if kind == "strength" else 60, rng.randint(5, 8),
                             rng.randint(0, 4), None if kind == "strength" else 1, iso(d)))
                        step += 2
        if wd in (0, 3, 6):
            db.execute("INSERT INTO pain (date, at, score, context) VALUES (?, ?, ?, 'morning')",
                       (d.isoformat(), iso(d, 6), rng.randint(0, 5)))
        d += datetime.timedelta(days=1)
    runs = random.Random(2)
    rows = []
    for k in range(nruns):
        day = end - datetime.timedelta(days=k)
        t = datetime.datetime(day.year, day.month, day.day, 6, 30, tzinfo=datetime.timezone.utc)
        dist = runs.uniform(6000, 18000)
        rows.append((t.strftime("%Y-%m-%dT%H:%M:%SZ"), int(t.timestamp()), dist, dist / 2.9,
                     dist / 2.8))
    db.executemany(
        "INSERT INTO runs (start, start_epoch, sport, distance_m, moving_s, elapsed_s, ascent_m, "
        "avg_hr, max_hr, source) VALUES (?, ?, 'running', ?, ?, ?, 40, 145, 170, 'bench')", rows)
