"""Procedural art for the examples, drawn with Pillow at 4x and downsampled (antialiasing)."""
import math
import os

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SS = 4  # supersampling factor
RED = (200, 22, 40)
DARK_RED = (130, 8, 22)
GOLD = (255, 204, 64)
DEEP_GOLD = (205, 140, 24)
WOOD = (92, 46, 22)


def save(img, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    img.save(path, optimize=True)


def canvas(w, h, color=(0, 0, 0, 0)):
    img = Image.new("RGBA", (w * SS, h * SS), color)
    return img, ImageDraw.Draw(img)


def finish(img, w, h):
    return img.resize((w, h), Image.LANCZOS)


def s(*v):
    """Scale design coordinates to the supersampled canvas."""
    return [round(x * SS) for x in v]


# --- couplet scrolls -------------------------------------------------------------------------

def _scroll(w, h, length, from_center):
    """One frame of a vertical scroll `w`x`h`: red paper `length` (0..1) unrolled, rollers at the
    ends. `from_center`: both rollers move out from the middle; else the top roller stays."""
    img, d = canvas(w, h)
    roll_r = 7
    margin = roll_r + 3
    full = h - 2 * margin
    shown = max(2.0, full * length)
    top = margin if not from_center else (h - shown) / 2
    bottom = top + shown
    px0, px1 = 14, w - 14
    # Paper with a soft vertical sheen and a gold border.
    d.rectangle(s(px0, top, px1, bottom), fill=RED + (255,))
    for i in range(int((px1 - px0) * SS)):
        x = px0 * SS + i
        t = i / ((px1 - px0) * SS)
        shade = 0.86 + 0.14 * math.sin(math.pi * t)
        col = tuple(int(c * shade) for c in RED) + (255,)
        d.line([(x, round(top * SS)), (x, round(bottom * SS))], fill=col)
    inset = 5
    if bottom - top > 2 * inset + 4:
        d.rectangle(s(px0 + inset, top + inset, px1 - inset, bottom - inset), outline=GOLD + (255,), width=SS * 2)
        d.rectangle(s(px0 + inset + 4, top + inset + 4, px1 - inset - 4, bottom - inset - 4),
                    outline=DEEP_GOLD + (200,), width=SS)
    # Rollers: wooden bars with gold knobs.
    for y in (top, bottom):
        d.rounded_rectangle(s(6, y - roll_r, w - 6, y + roll_r), radius=roll_r * SS, fill=WOOD + (255,))
        d.line(s(8, y - roll_r / 3, w - 8, y - roll_r / 3), fill=(150, 90, 50, 255), width=SS * 2)
        for x in (6, w - 6):
            d.ellipse(s(x - 6, y - 6, x + 6, y + 6), fill=GOLD + (255,), outline=DEEP_GOLD + (255,), width=SS)
    return finish(img, w, h)


def scroll_sheet(vertical, frames=8):
    """An unrolling-scroll sprite sheet: vertical couplet 128x512 frames (4x2, rolls down from
    the top), or horizontal banner 512x128 frames (2x4, unrolls from the middle outwards)."""
    w, h = 128, 512
    cols, rows = (4, 2) if vertical else (2, 4)
    fw, fh = (w, h) if vertical else (h, w)
    sheet = Image.new("RGBA", (fw * cols, fh * rows), (0, 0, 0, 0))
    for k in range(frames):
        t = (k + 1) / frames
        eased = 1 - (1 - t) ** 2
        frame = _scroll(w, h, eased, from_center=not vertical)
        if not vertical:
            frame = frame.transpose(Image.ROTATE_90)
        sheet.paste(frame, ((k % cols) * fw, (k // cols) * fh))
    return sheet


def couplet_thumbnail(font_path):
    img = Image.new("RGBA", (128, 128), (40, 6, 10, 255))
    for x, ch in ((14, "福"), (86, "春")):
        strip = _scroll(128, 512, 1.0, False).resize((30, 120), Image.LANCZOS)
        img.alpha_composite(strip, (x - 1, 4))
        font = ImageFont.truetype(font_path, 20)
        d = ImageDraw.Draw(img)
        d.text((x + 14, 40), ch, font=font, fill=GOLD + (255,), anchor="mm")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, 22)
    d.text((64, 64), "抱拳", font=font, fill=GOLD + (255,), anchor="mm")
    return img


# --- flower text ---------------------------------------------------------------------------

def ribbon(w=960, h=240):
    """A red greeting ribbon with gold edges and swallow-tail ends."""
    img, d = canvas(w, h)
    tail = w * 0.09
    for side in (1, -1):
        x0 = 0 if side == 1 else w
        pts = [(x0, h * 0.18), (x0 + side * tail * 1.6, h * 0.18), (x0 + side * tail * 1.6, h * 0.82),
               (x0, h * 0.82), (x0 + side * tail * 0.7, h * 0.5)]
        d.polygon([tuple(s(*p)) for p in pts], fill=DARK_RED)
    d.rounded_rectangle(s(tail, h * 0.06, w - tail, h * 0.94), radius=SS * h * 0.12, fill=RED,
                        outline=GOLD, width=SS * 7)
    d.rounded_rectangle(s(tail + 16, h * 0.06 + 16, w - tail - 16, h * 0.94 - 16),
                        radius=SS * h * 0.09, outline=DEEP_GOLD, width=SS * 3)
    return finish(img, w, h)


def flower_thumbnail(font_path):
    """The ribbon with the greeting on it, 256x256."""
    img = Image.new("RGBA", (256, 256), (40, 6, 12, 255))
    band = ribbon(240, 80)
    img.alpha_composite(band, (8, 88))
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(font_path, 44)
    d.text((128, 126), "新年快乐", font=font, fill=GOLD, anchor="mm", stroke_width=2,
           stroke_fill=DARK_RED)
    return img


# --- particles -------------------------------------------------------------------------------

def spark(size):
    """A soft gold spark: white-gold core, warm glow."""
    img = Image.new("RGBA", (size, size))
    c = (size - 1) / 2
    for y in range(size):
        for x in range(size):
            r = math.hypot(x - c, y - c) / (size / 2)
            core = max(0.0, 1 - r / 0.35)
            glow = max(0.0, 1 - r) ** 2
            a = min(1.0, core + glow * 0.9)
            mix = min(1.0, core * 1.5)
            col = [int(GOLD[i] + (255 - GOLD[i]) * mix) for i in range(3)]
            img.putpixel((x, y), tuple(col) + (int(a * 255),))
    return img


def coin(size):
    img, d = canvas(size, size)
    d.ellipse(s(1, 1, size - 1, size - 1), fill=GOLD + (255,), outline=DEEP_GOLD + (255,), width=2 * SS)
    q = size * 0.14
    m = size / 2
    d.rectangle(s(m - q, m - q, m + q, m + q), fill=(0, 0, 0, 0), outline=DEEP_GOLD + (255,), width=SS)
    return finish(img, size, size)


def feather(size):
    img, d = canvas(size, size)
    d.ellipse(s(size * 0.3, 2, size * 0.7, size - 2), fill=(255, 246, 200, 255))
    d.line(s(size / 2, 4, size / 2, size - 1), fill=(220, 170, 60, 255), width=SS)
    img = img.rotate(30, resample=Image.BICUBIC)
    return finish(img, size, size)


# --- lut-beauty ------------------------------------------------------------------------------

def light_leak(size):
    """A warm light leak for a frame corner: orange-red glow fading to transparent."""
    img = Image.new("RGBA", (size, size))
    for y in range(size):
        for x in range(size):
            u, v = x / size, y / size
            r = math.hypot(u / 0.95, v / 0.7)
            a = max(0.0, 1 - r) ** 1.6 * 0.6
            warm = max(0.0, 1 - r * 1.4)
            col = (255, int(120 + 100 * warm), int(40 + 60 * warm))
            img.putpixel((x, y), col + (int(a * 255),))
    return img.filter(ImageFilter.GaussianBlur(2))


def lut_thumbnail(grade):
    """Left: a hue/brightness sweep; right: the same through the look."""
    w, h = 128, 96
    img = Image.new("RGBA", (w, h))
    for y in range(h):
        for x in range(w):
            u = (x % 64) / 64
            v = y / (h - 1)
            hue = u * 6
            i = int(hue) % 6
            f = hue - int(hue)
            rgb = [(1, f, 0), (1 - f, 1, 0), (0, 1, f), (0, 1 - f, 1), (f, 0, 1), (1, 0, 1 - f)][i]
            light = 1 - v
            rgb = [c * light + (1 - light) * 0.0 for c in rgb]
            rgb = [min(1.0, c * 0.8 + 0.2 * light) for c in rgb]
            if x >= 64:
                rgb = grade(*rgb)
            img.putpixel((x, y), tuple(int(max(0, min(1, c)) * 255) for c in rgb) + (255,))
    return img


# --- face-bird -------------------------------------------------------------------------------

def _bird(w, h, wing):
    img, d = canvas(w, h)
    body = (255, 214, 50)
    d.ellipse(s(10, 10, 78, 64), fill=body + (255,), outline=(200, 140, 20, 255), width=2 * SS)
    d.ellipse(s(18, 38, 60, 62), fill=(255, 236, 160, 255))
    # Wing: an ellipse rotated by the flap angle.
    wing_img, wd = canvas(w, h)
    wd.ellipse(s(14, 28, 46, 46), fill=(245, 180, 30, 255), outline=(200, 130, 20, 255), width=SS)
    wing_img = wing_img.rotate(wing, center=(40 * SS, 37 * SS), resample=Image.BICUBIC)
    img.alpha_composite(wing_img)
    d.ellipse(s(52, 16, 72, 36), fill=(255, 255, 255, 255), outline=(60, 40, 20, 255), width=SS)
    d.ellipse(s(62, 22, 70, 31), fill=(20, 20, 30, 255))
    d.polygon(s(70, 36, 92, 42, 70, 50), fill=(255, 110, 40, 255), outline=(190, 70, 20, 255))
    return finish(img, w, h)


def bird():
    """A round yellow bird, 96x72, wing half up."""
    return _bird(96, 72, -15)


def pipes(w, h):
    """Green pipes `w`x`h`: the top pipe (opening at the bottom) and the bottom pipe."""
    img, d = canvas(w, h)
    body0, body1, cap_h = 10, w - 10, 52
    for i in range((body1 - body0) * SS):
        t = i / ((body1 - body0) * SS)
        shade = 0.55 + 0.45 * math.sin(math.pi * min(1.0, t * 1.3))
        col = (int(70 * shade), int(190 * shade), int(60 * shade), 255)
        d.line([(body0 * SS + i, 0), (body0 * SS + i, (h - cap_h) * SS)], fill=col)
    for i in range(w * SS):
        t = i / (w * SS)
        shade = 0.55 + 0.45 * math.sin(math.pi * min(1.0, t * 1.3))
        col = (int(80 * shade), int(205 * shade), int(70 * shade), 255)
        d.line([(i, (h - cap_h) * SS), (i, h * SS)], fill=col)
    d.rectangle(s(0, h - cap_h, w - 1, h - 1), outline=(20, 70, 20, 255), width=3 * SS)
    d.rectangle(s(body0, 0, body1, h - cap_h), outline=(20, 70, 20, 255), width=3 * SS)
    top = finish(img, w, h)
    return top, top.transpose(Image.FLIP_TOP_BOTTOM)


def bird_thumbnail():
    img = Image.new("RGBA", (128, 96), (120, 200, 240, 255))
    top, bottom = pipes(120, 1280)
    t = top.resize((24, 256)).crop((0, 256 - 30, 24, 256))
    b = bottom.resize((24, 256)).crop((0, 0, 24, 34))
    img.alpha_composite(t, (84, 0))
    img.alpha_composite(b, (84, 62))
    img.alpha_composite(_bird(96, 72, 0).resize((40, 30)), (28, 32))
    return img


# --- red-packet-rain -------------------------------------------------------------------------

def red_packet(font_path, w=96, h=128):
    """A red envelope with a darker flap and a gold medallion with 福."""
    img, d = canvas(w, h)
    d.rounded_rectangle(s(2, 2, w - 2, h - 2), radius=10 * SS, fill=RED + (255,),
                        outline=DARK_RED + (255,), width=2 * SS)
    d.chord(s(-w * 0.3, -h * 0.55, w * 1.3, h * 0.42), 0, 180, fill=(170, 12, 30, 255))
    d.arc(s(-w * 0.3, -h * 0.55, w * 1.3, h * 0.42), 20, 160, fill=DEEP_GOLD + (255,), width=2 * SS)
    cx, cy, r = w / 2, h * 0.43, 19
    d.ellipse(s(cx - r, cy - r, cx + r, cy + r), fill=GOLD + (255,), outline=DEEP_GOLD + (255,), width=2 * SS)
    font = ImageFont.truetype(font_path, 26 * SS)
    d.text((cx * SS, cy * SS), "福", font=font, fill=DARK_RED + (255,), anchor="mm")
    return finish(img, w, h)


def packet_thumbnail(font_path):
    img = Image.new("RGBA", (128, 96), (50, 8, 14, 255))
    packet = red_packet(font_path).resize((30, 40))
    for x, y, a in ((14, 8, -12), (50, 40, 8), (88, 14, 18)):
        img.alpha_composite(packet.rotate(a, expand=True, resample=Image.BICUBIC), (x, y))
    return img
