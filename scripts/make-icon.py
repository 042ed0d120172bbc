# A 1024x1024 RGBA PNG written by hand (no PIL here): a teal rounded square
# with a white balance scale, the source for `tauri icon`.
import struct, zlib
N = 1024
def inside_rrect(x, y, r=200, m=32):
    lo, hi = m, N - m
    if x < lo or x >= hi or y < lo or y >= hi: return False
    cx = min(max(x, lo + r), hi - r); cy = min(max(y, lo + r), hi - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
def white(x, y):
    if 500 <= x < 524 and 250 <= y < 760: return True          # post
    if 300 <= x < 724 and 760 <= y < 800: return True          # foot
    if 220 <= x < 804 and 300 <= y < 324: return True          # beam
    for px in (280, 744):                                      # strings and pans
        if abs(x - px) < 6 and 324 <= y < 540 and abs((x - px)) < 6: pass
        dx = x - px
        if 324 <= y < 540 and abs(dx) <= (y - 324) * 110 // 216 and abs(dx) >= (y - 324) * 110 // 216 - 8: return True
        if 540 <= y < 620 and dx * dx + ((y - 540) * 110 // 80) ** 2 <= 110 * 110: return True
    return (x - 512) ** 2 + (y - 250) ** 2 <= 36 * 36           # knob
rows = []
for y in range(N):
    row = bytearray([0])
    for x in range(N):
        if not inside_rrect(x, y): row += b'\0\0\0\0'
        elif white(x, y): row += b'\xff\xff\xff\xff'
        else: row += bytes((0x14, 0x5c, 0x6b, 0xff))
    rows.append(bytes(row))
raw = b''.join(rows)
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')
open('accord-icon.png', 'wb').write(png)
