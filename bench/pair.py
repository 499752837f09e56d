#!/usr/bin/env python3
"""Times whole processes side by side: each round runs every command once, in turn, so that a
machine that slows down slows them alike; prints for each its median wall and CPU time and its
peak resident memory, and its median ratio to the last command (the peer), round by round, of
wall time and of CPU time (which a busy machine moves less).

    pair.py RUNS NAME -- COMMAND ... [-- NAME -- COMMAND ...]

Example: pair.py 30 version -- ./hipcoach --version -- true -- true"""
import os
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
args = sys.argv[2:]
cmds = []  # (name, argv)
while args:
    name = args[0]
    if len(args) < 3 or args[1] != "--":
        sys.exit("usage: pair.py RUNS NAME -- COMMAND ... [-- NAME -- COMMAND ...]")
    rest = args[2:]
    end = rest.index("--") if "--" in rest else len(rest)
    cmds.append((name, rest[:end]))
    args = rest[end + 1:]


def once(argv):
    """Wall ms and CPU ms of one run (wait4: this child's own accounting)."""
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode:
        sys.exit(f"bench: {' '.join(argv)} exited with {p.returncode}")
    return wall, (ru.ru_utime + ru.ru_stime) * 1000


def peak_kb(argv):
    """Peak resident memory by GNU time (a child of this one would count its parent's pages)."""
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, check=True)
    return int(r.stderr.strip().splitlines()[-1])


for _, argv in cmds:  # warm-up
    once(argv)
samples = [[] for _ in cmds]
for _ in range(runs):
    for i, (_, argv) in enumerate(cmds):
        samples[i].append(once(argv))
peer = samples[-1]
for (name, argv), s in zip(cmds, samples):
    wall = statistics.median(x[0] for x in s)
    cpu = statistics.median(x[1] for x in s)
    rss = max(peak_kb(argv) for _ in range(3))
    ratio = statistics.median(a[0] / b[0] for a, b in zip(s, peer))
    cratio = statistics.median(a[1] / b[1] for a, b in zip(s, peer) if b[1] > 0)
    line = f"{name:<30} wall {wall:7.2f} ms  cpu {cpu:6.2f} ms  peak {rss / 1024:5.1f} MB"
    if s is not peer:
        line += f"  {ratio:.2f}× ({cratio:.2f}× cpu) {cmds[-1][0]}"
    print(line)
