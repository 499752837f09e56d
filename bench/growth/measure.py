#!/usr/bin/env python3
"""Times hipcoach's reads on databases of several sizes, the sizes taken in turn within each round
so that a machine that slows down in the middle slows every size alike, and prints the medians
with their ratio to the first size.

    measure.py HIPCOACH WORKDIR ROUNDS SECONDS SIZE...

Commands: the wall time of the whole process (start to exit), ROUNDS times per size. Endpoints:
one `hipcoach ui` per size, all running, and wrk (1 thread, 4 connections) for SECONDS per size
and round, in 5 rounds (fewer when ROUNDS is); requests per second."""
import http.client
import os
import re
import statistics
import subprocess
import sys
import time

hipcoach, work, rounds, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
sizes = sys.argv[5:]
commands = [["status"], ["today"], ["load"], ["plan", "--days", "7", "--json"]]
endpoints = ["/api/status", "/api/today"]


def db(n):
    return os.path.join(work, f"runs-{n}.db")


def env(n):
    e = dict(os.environ)
    e["HIPCOACH_DB"] = db(n)
    return e


def run_once(args, n):
    """The CPU time (user + system) of one run, in ms: what the command costs, however busy the
    machine is (its wall time is also kept, in wall[])."""
    t = time.perf_counter()
    p = subprocess.Popen([hipcoach] + args, env=env(n), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall.setdefault((" ".join(args), n), []).append((time.perf_counter() - t) * 1000)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"bench/growth: hipcoach {' '.join(args)} failed on {db(n)}")
    return (ru.ru_utime + ru.ru_stime) * 1000


def cpu_s(pid):
    """The CPU seconds (user + system) process `pid` has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")



wall = {}  # (name, size) -> [wall ms]
rates = {}  # (name, size) -> [requests/s]
results = {}  # name -> size -> [values]
for args in commands:
    name = " ".join(args)
    results[name] = {n: [] for n in sizes}
    for n in sizes:  # warm the page cache and the disk
        run_once(args, n)
    for _ in range(rounds):
        for n in sizes:
            results[name][n].append(run_once(args, n))

servers = {}
try:
    for n in sizes:
        out = open(os.path.join(work, f"ui-{n}.out"), "w+")
        e = env(n)
        e["HOME"] = work
        p = subprocess.Popen([hipcoach, "ui", "--no-open", "--port", "0"], env=e, stdout=out,
                             stderr=subprocess.STDOUT)
        url = None
        for _ in range(200):
            out.seek(0)
            m = re.search(r"serving (http://[^/\s]+)(/\?token=\w+)\s*$", out.read(), re.M)
            if m:
                url = m.group(1)
                break
            time.sleep(0.05)
        if not url:
            sys.exit(f"bench/growth: the server on {db(n)} did not start")
        # Every request needs a session: the printed link trades its token for the cookie.
        link = http.client.HTTPConnection(url.removeprefix("http://"))
        link.request("GET", m.group(2))
        cookie = link.getresponse().getheader("Set-Cookie", "").split(";")[0]
        link.close()
        if not cookie:
            sys.exit(f"bench/growth: the server on {db(n)} gave no session for its link")
        servers[n] = (p, url, cookie)
    for path in endpoints:
        name = "GET " + path
        results[name] = {n: [] for n in sizes}
        for _ in range(min(rounds, 5)):
            for n in sizes:
                c0 = cpu_s(servers[n][0].pid)
                w = subprocess.run(["wrk", "-t1", "-c4", f"-d{seconds:g}s", "-H",
                                    "Cookie: " + servers[n][2], servers[n][1] + path],
                                   capture_output=True, text=True, check=True).stdout
                c1 = cpu_s(servers[n][0].pid)
                m = re.search(r"^Requests/sec:\s*([\d.]+)", w, re.M)
                done = re.search(r"^\s*(\d+) requests in", w, re.M)
                bad = re.search(r"Non-2xx or 3xx responses: (\d+)", w)
                if bad:
                    sys.exit(f"bench/growth: {path} answered errors: {bad.group(0)}")
                rates.setdefault((name, n), []).append(float(m.group(1)))
                # The server's CPU time per request: what one answer costs.
                results[name][n].append((c1 - c0) * 1000 / max(int(done.group(1)), 1))
finally:
    for p, _, _ in servers.values():
        p.send_signal(2)
        p.wait()

print(f"medians, the sizes in turn in each round. Commands: CPU ms (user + system) of the whole "
      f"process, {rounds} runs, and its wall ms; endpoints: the server's CPU ms per request, and "
      f"requests/s, {min(rounds, 5)} rounds of {seconds:g} s (wrk, 1 thread, 4 connections). "
      f"(×: the cost against {sizes[0]} runs)")
print("%-22s" % "runs" + "".join("%22s" % n for n in sizes))
worst = (0, "")
for name, by in results.items():
    med = {n: statistics.median(v) for n, v in by.items()}
    base = med[sizes[0]]
    rate = name.startswith("GET")
    cells = []
    for n in sizes:
        cost = med[n] / base if base else float("nan")
        if n == sizes[-1] and cost > worst[0]:
            worst = (cost, name)
        cells.append("%.2f ms (%.2f×)" % (med[n], cost))
    print("%-22s" % (name + " cpu") + "".join("%22s" % c for c in cells))
    if rate:
        other = ["%.0f/s" % statistics.median(rates[(name, n)]) for n in sizes]
    else:
        other = ["%.2f ms" % statistics.median(wall[(name, n)]) for n in sizes]
    print("%-22s" % ("  requests/s" if rate else "  wall") + "".join("%22s" % c for c in other))
print("largest growth, %s runs against %s: %.2f× (%s); target 1.3× at most" %
      (sizes[-1], sizes[0], worst[0], worst[1]))
