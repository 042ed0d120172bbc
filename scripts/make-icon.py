# Writes Accord's source icon, a 1024x1024 RGBA PNG (a white balance scale on
# a teal rounded square), by hand: the machine has no PIL. Feed it to
# `tauri icon`. Usage: python3 scripts/make-icon.py OUT.png
import struct
import sys
import zlib

N = 1024
TEAL = bytes((0x14, 0x5C, 0x6B, 0xFF))
WHITE = b"\xff\xff\xff\xff"
CLEAR = b"\0\0\0\0"


def in_rounded_square(x, y, r=200, m=32):
    lo, hi = m, N - m
    if not (lo <= x < hi and lo <= y < hi):
        return False
    cx, cy = min(max(x, lo + r), hi - r), min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_scale(x, y):
    if 500 <= x < 524 and 250 <= y < 760:  # post
        return True
    if 300 <= x < 724 and 760 <= y < 800:  # foot
        return True
    if 220 <= x < 804 and 300 <= y < 324:  # beam
        return True
    for px in (280, 744):  # each side: a hanging triangle, then a bowl
        dx = abs(x - px)
        if 324 <= y < 540 and (y - 324) * 110 // 216 - 8 <= dx <= (y - 324) * 110 // 216:
            return True
        if 540 <= y < 620 and dx * dx + ((y - 540) * 110 // 80) ** 2 <= 110 * 110:
            return True
    return (x - 512) ** 2 + (y - 250) ** 2 <= 36 * 36  # knob


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


rows = bytearray()
for y in range(N):
    rows.append(0)  # filter: none
    for x in range(N):
        rows += (WHITE if in_scale(x, y) else TEAL) if in_rounded_square(x, y) else CLEAR
png = (
    b"\x89PNG\r\n\x1a\n"
    + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
    + chunk(b"IEND", b"")
)
with open(sys.argv[1] if len(sys.argv) > 1 else "accord-icon.png", "wb") as f:
    f.write(png)
