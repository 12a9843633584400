"""Draws planos' app icons (a page of a flat file: white lines on blue) as PNG, with no
dependency but the standard library. Run once; the PNGs are committed under www/."""

import struct
import sys
import zlib

BLUE = (11, 92, 171)
WHITE = (255, 255, 255)
GREEN = (46, 160, 67)


def pixel(x, y, n):
    """Colour of pixel (x, y) of an n×n icon, or None for transparent."""
    u, v = x / n, y / n
    r = 0.18
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return None
    # Four lines of a flat file, the last one short, and a check mark.
    for i, end in enumerate((0.78, 0.78, 0.78, 0.52)):
        top = 0.24 + i * 0.14
        if 0.22 <= u <= end and top <= v <= top + 0.07:
            return WHITE
    # Check mark: two thick segments.
    def near(ax, ay, bx, by, w=0.045):
        dx, dy = bx - ax, by - ay
        t = max(0, min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)))
        px, py = ax + t * dx, ay + t * dy
        return (u - px) ** 2 + (v - py) ** 2 <= w * w
    if near(0.58, 0.70, 0.66, 0.78) or near(0.66, 0.78, 0.82, 0.60):
        return GREEN
    return BLUE


def png(n):
    rows = []
    for y in range(n):
        row = bytearray([0])
        for x in range(n):
            c = pixel(x + 0.5, y + 0.5, n)
            row += bytes(c + (255,)) if c else bytes(4)
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "www"
    for n in (192, 512):
        with open(f"{out}/icon-{n}.png", "wb") as f:
            f.write(png(n))
