"""Generate `.cube` 3D LUTs (Adobe/Resolve text format, red index fastest)."""
import os


def write_cube(path, size, grade, title):
    """Write a `size`³ LUT of `grade(r, g, b) -> (r, g, b)` (all 0..1)."""
    lines = [f'TITLE "{title}"', f"LUT_3D_SIZE {size}", "DOMAIN_MIN 0 0 0", "DOMAIN_MAX 1 1 1"]
    for b in range(size):
        for g in range(size):
            for r in range(size):
                rgb = grade(r / (size - 1), g / (size - 1), b / (size - 1))
                lines.append(" ".join("%.5f" % min(1.0, max(0.0, c)) for c in rgb))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")


def _mix(a, b, t):
    return a + (b - a) * t


def soft_film(r, g, b):
    """A soft warm film look.

    1. a gentle S-curve per channel (a third of the way to smoothstep) for soft contrast;
    2. faded blacks and rolled-off whites (output 0.045..0.955), like print film;
    3. saturation down to 88 %, so skin and greens turn calmer;
    4. split toning: shadows a touch teal, highlights warm (more red, less blue).
    """
    out = []
    for c in (r, g, b):
        s = _mix(c, c * c * (3 - 2 * c), 0.35)
        out.append(0.045 + 0.91 * s)
    luma = 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]
    out = [luma + (c - luma) * 0.88 for c in out]
    shadow, high = (1 - luma) ** 2, luma ** 2
    tint_shadow = (-0.012, 0.006, 0.018)
    tint_high = (0.035, 0.012, -0.045)
    return tuple(out[i] + shadow * tint_shadow[i] + high * tint_high[i] for i in range(3))
