#!/usr/bin/env python3
"""Turns the QR code hipcoach prints with half-block characters back into a PBM image, so an
independent reader (zbarimg) can decode it: each character holds two modules, top and bottom;
a drawn half is a light module (the code is printed light on the terminal's dark background)."""
import sys

lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
code = [l[2:] for l in lines if l.startswith("  ") and set(l[2:]) <= set("█▀▄ ") and l.strip()]
if not code:
    sys.exit("no QR code in " + sys.argv[1])
width = max(len(l) for l in code)
rows = []
for line in code:
    line = line.ljust(width)
    rows.append([c in "█▀" for c in line])
    rows.append([c in "█▄" for c in line])
scale, quiet = 6, 4
light = [True] * width
image = [light] * quiet + rows + [light] * quiet
with open(sys.argv[2], "w") as out:
    out.write(f"P1\n{(width + 2 * quiet) * scale} {len(image) * scale}\n")
    for row in image:
        # PBM: 1 is black; a light module is white.
        bits = " ".join(("0" if v else "1") for v in [True] * quiet + row + [True] * quiet for _ in range(scale))
        for _ in range(scale):
            out.write(bits + "\n")
