#!/usr/bin/env python3
"""Draw the example packages' images procedurally (no external images, no PIL).

Run from the repository root: python3 effect-schema/tools/draw_example_assets.py
Writes deterministic PNGs into examples/lucky-hat/ and examples/heart-fireworks/.
"""
import math
import os
import struct
import zlib


def png(path, w, h, pixel):
    """Write an RGBA PNG; pixel(x, y) -> (r, g, b, a) floats 0..1."""
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            r, g, b, a = pixel(x + 0.5, y + 0.5)
            rows += bytes(max(0, min(255, round(c * 255))) for c in (r, g, b, a))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def smooth(edge0, edge1, v):
    t = max(0.0, min(1.0, (v - edge0) / (edge1 - edge0)))
    return t * t * (3 - 2 * t)


def over(top, bottom):
    ta, ba = top[3], bottom[3]
    a = ta + ba * (1 - ta)
    if a <= 0:
        return (0, 0, 0, 0)
    return tuple((top[i] * ta + bottom[i] * ba * (1 - ta)) / a for i in range(3)) + (a,)


RED = (0.80, 0.06, 0.08)
DARK_RED = (0.55, 0.02, 0.05)
GOLD = (1.0, 0.80, 0.22)
DEEP_GOLD = (0.85, 0.58, 0.08)


def hat(x, y):
    """A red lucky-god hat with a gold band, gold trim and a gold coin, 256x192."""
    w, h = 256.0, 192.0
    u, v = x / w, y / h
    px = (0, 0, 0, 0)
    # Crown: a rounded dome.
    dx, dy = (u - 0.5) / 0.34, (v - 0.62) / 0.52
    d = math.hypot(dx, dy)
    crown = (1 - smooth(0.97, 1.0, d)) * (1 - smooth(0.74, 0.76, v))
    if crown > 0:
        shade = 0.75 + 0.25 * (1 - abs(dx))
        px = over((RED[0] * shade, RED[1] * shade, RED[2] * shade, crown), px)
    # Brim band.
    band = smooth(0.60, 0.62, v) * (1 - smooth(0.84, 0.86, v)) * (1 - smooth(0.44, 0.46, abs(u - 0.5)))
    if band > 0:
        stripe = 0.5 + 0.5 * math.sin(u * 60)
        col = tuple(GOLD[i] * (0.8 + 0.2 * stripe) for i in range(3))
        px = over(col + (band,), px)
    # Side wings.
    for side in (-1, 1):
        wx, wy = (u - 0.5 - side * 0.40) / 0.09, (v - 0.58) / 0.06
        wd = math.hypot(wx, wy)
        wing = 1 - smooth(0.95, 1.0, wd)
        if wing > 0:
            px = over(DARK_RED + (wing,), px)
            rim = smooth(0.70, 0.80, wd) * wing
            px = over(DEEP_GOLD + (rim,), px)
    # Coin emblem with a square hole.
    cx, cy = (u - 0.5) * w, (v - 0.40) * h
    r = math.hypot(cx, cy)
    coin = 1 - smooth(25, 27, r)
    hole = (1 - smooth(6, 7, max(abs(cx), abs(cy))))
    if coin > 0:
        ring = smooth(18, 20, r)
        col = tuple(GOLD[i] * (1 - 0.25 * ring) for i in range(3))
        px = over(col + (coin * (1 - hole),), px)
    return px


def coin(x, y):
    """A small gold coin particle, 48x48."""
    cx, cy = x - 24, y - 24
    r = math.hypot(cx, cy)
    a = 1 - smooth(21, 23, r)
    hole = 1 - smooth(5, 6, max(abs(cx), abs(cy)))
    shine = 0.85 + 0.15 * (-(cx + cy) / 32)
    col = tuple(min(1.0, GOLD[i] * shine * (0.8 if r > 16 else 1.0)) for i in range(3))
    return col + (a * (1 - hole),)


def sparkle_sheet(x, y):
    """A 4x2 sprite sheet of a twinkling four-point star, 64x64 cells."""
    col, row = int(x // 64), int(y // 64)
    frame = row * 4 + col
    cx, cy = x - col * 64 - 32, y - row * 64 - 32
    size = 0.35 + 0.65 * math.sin(math.pi * (frame + 0.5) / 8)
    ax, ay = abs(cx) / (28 * size), abs(cy) / (28 * size)
    star = 1 - smooth(0.9, 1.0, math.sqrt(ax) + math.sqrt(ay))
    glow = math.exp(-(cx * cx + cy * cy) / (2 * (10 * size) ** 2)) * 0.6
    a = max(star, glow)
    return (1.0, 0.93, 0.55, a)


def glow(x, y):
    """A white spark to be tinted (particle colours), 32x32: a hot core in a soft halo."""
    r = math.hypot(x - 16, y - 16) / 16
    core = 1 - smooth(0.08, 0.3, r)
    halo = max(0.0, 1 - r) ** 1.6
    return (1.0, 1.0, 1.0, min(1.0, core + 0.85 * halo))


def twinkle_frame(n):
    """Frame n of 4 of a white twinkling four-point star, 32x32 (a sequence particle)."""
    size = (1.0, 0.72, 0.48, 0.72)[n]

    def px(x, y):
        cx, cy = (x - 16) / 16, (y - 16) / 16
        ax, ay = abs(cx) / size, abs(cy) / size
        star = 1 - smooth(0.75, 1.0, math.sqrt(ax) + math.sqrt(ay))
        core = math.exp(-(cx * cx + cy * cy) / (2 * 0.16**2))
        return (1.0, 1.0, 1.0, max(star, core))

    return px


def burst_frame(n):
    """Frame n of 8 of a firework burst, 96x96: rays expanding and fading."""
    t = (n + 1) / 8

    def px(x, y):
        cx, cy = x - 48, y - 48
        r = math.hypot(cx, cy) / 46
        ang = math.atan2(cy, cx)
        rays = (0.5 + 0.5 * math.cos(ang * 12)) ** 8
        front = math.exp(-((r - t) ** 2) / 0.004)
        trail = (1 - smooth(0, t, t - r)) * smooth(0, t, r) * 0.5 if r < t else 0
        a = min(1.0, (front + trail) * rays * (1.2 - t))
        hue = (1.0, 0.3 + 0.5 * r, 0.45 + 0.3 * (1 - r))
        return hue + (max(0.0, a),)

    return px


def flower(x, y):
    """A pink five-petal flower with a gold centre, 128x128."""
    cx, cy = x - 64, y - 64
    r = math.hypot(cx, cy)
    ang = math.atan2(cy, cx)
    petal_r = 40 + 18 * math.cos(5 * ang)
    petal = 1 - smooth(petal_r - 2, petal_r, r)
    shade = 0.75 + 0.25 * (r / max(petal_r, 1))
    px = (1.0 * shade, 0.45 * shade, 0.65 * shade, petal)
    centre = 1 - smooth(13, 15, r)
    return over(GOLD + (centre,), px)


def banner(x, y):
    """A red banner with gold border and a simple gold lantern motif, 512x128."""
    u, v = x / 512, y / 128
    edge = min(u * 512, (1 - u) * 512, v * 128, (1 - v) * 128)
    body = smooth(0, 2, edge)
    col = RED if edge > 8 else GOLD
    px = col + (body * 0.92,)
    for cxp in (64, 448):
        lx, ly = (x - cxp) / 28, (y - 64) / 36
        lantern = 1 - smooth(0.95, 1.0, math.hypot(lx, ly))
        px = over(GOLD + (lantern,), px)
    return px


def thumbnail(draw, w, h):
    def px(x, y):
        bg = (0.12, 0.02, 0.04, 1.0)
        return over(draw(x, y), bg)
    return px


def cube(path, size, grade):
    lines = ['TITLE "%s"' % os.path.basename(path), "LUT_3D_SIZE %d" % size]
    for b in range(size):
        for g in range(size):
            for r in range(size):
                rgb = grade(r / (size - 1), g / (size - 1), b / (size - 1))
                lines.append(" ".join("%.6f" % max(0.0, min(1.0, c)) for c in rgb))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def warm(r, g, b):
    return (r * 1.06 + 0.02, g * 1.0 + 0.01, b * 0.88)


def main():
    hat_dir = "examples/lucky-hat"
    png(f"{hat_dir}/images/hat.png", 256, 192, hat)
    png(f"{hat_dir}/images/coin.png", 48, 48, coin)
    png(f"{hat_dir}/images/sparkle-sheet.png", 256, 128, sparkle_sheet)
    png(f"{hat_dir}/images/banner.png", 512, 128, banner)
    png(f"{hat_dir}/thumbnail.png", 128, 96, thumbnail(lambda x, y: hat(x * 2, y * 2), 128, 96))
    cube(f"{hat_dir}/luts/warm.cube", 8, warm)

    fw_dir = "examples/heart-fireworks"
    png(f"{fw_dir}/images/flower.png", 128, 128, flower)
    png(f"{fw_dir}/images/glow.png", 32, 32, glow)
    for n in range(4):
        png(f"{fw_dir}/fx/twinkle_{n:02}.png", 32, 32, twinkle_frame(n))
    for n in range(8):
        png(f"{fw_dir}/fx/burst_{n:02}.png", 96, 96, burst_frame(n))
    png(f"{fw_dir}/thumbnail.png", 96, 96, thumbnail(burst_frame(4), 96, 96))


if __name__ == "__main__":
    main()
