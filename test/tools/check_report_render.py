#!/usr/bin/python3
"""Renders OUT/report.html in headless Chromium (Debian's /usr/bin/chromium) and checks
what a user would see: the page loads without a console error, the rendered DOM holds
every SVG plot, and the screenshot shows each plot colour (bars, lines, markers) over
enough pixels to be drawn, not clipped away or left blank.

usage: check_report_render.py REPORT.html WORK_DIR
Prints the plots found and, per palette colour, its pixel count; exit 1 on a problem.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

# The report's palette (compiler/Emit/Report): static/series 1, pipeline, parallel.
PALETTE = {"blue": (0x4a, 0x7a, 0xb5), "red": (0xc0, 0x50, 0x4d), "green": (0x9b, 0xbb, 0x59)}
MIN_PIXELS = 200


def chromium(work, *args):
    """Headless Chromium with a fresh profile. The profile lives in a short temporary
    directory (its singleton socket path must fit the 108 bytes of a Unix socket name),
    removed afterwards."""
    profile = tempfile.mkdtemp(prefix="eecc-chromium-")
    try:
        env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile,
                   TMPDIR=profile)
        command = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                   "--no-first-run", "--disable-extensions", "--hide-scrollbars",
                   "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}/profile",
                   f"--crash-dumps-dir={profile}/crashes", *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit, non-interlaced RGB(A) PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour})")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    report, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    url = "file://" + report
    problems = []

    dom = chromium(work, "--dump-dom", url)
    if dom.returncode != 0 or "</html>" not in dom.stdout:
        problems.append(f"chromium --dump-dom failed (exit {dom.returncode})")
    errors = [line for line in dom.stderr.splitlines()
              if "CONSOLE" in line and ("ERROR" in line or "Uncaught" in line)]
    problems += [f"console: {line}" for line in errors]
    plots = re.findall(r'<svg[^>]*\bid="([^"]+)"', dom.stdout)
    print("rendered plots:", " ".join(plots))

    png = os.path.join(work, "report.png")
    shot = chromium(work, f"--screenshot={png}", "--window-size=1100,5000", url)
    if shot.returncode != 0 or not os.path.isfile(png):
        problems.append(f"chromium --screenshot failed (exit {shot.returncode})")
    else:
        width, height, channels, rows = read_png(png)
        print(f"screenshot: {width}x{height}")
        counts = dict.fromkeys(PALETTE, 0)
        colours = {rgb: name for name, rgb in PALETTE.items()}
        for line in rows:
            for x in range(0, width * channels, channels):
                name = colours.get((line[x], line[x + 1], line[x + 2]))
                if name:
                    counts[name] += 1
        for name, count in counts.items():
            print(f"{name}: {'ok' if count >= MIN_PIXELS else 'MISSING'} ({count} pixels)")
            if count < MIN_PIXELS:
                problems.append(f"the {name} series is not drawn ({count} pixels)")
    for problem in problems:
        print("problem:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
