"""Build synthetic tracking tapes: JSON lines, one `TrackingFrame` per frame.

The shape follows effect-schema/schemas/tracking-frame.schema.json (effect-schema/src/tracking.rs):
camera pixels of a `width` x `height` frame, origin top-left, y down. The engine maps them to
output pixels. Used by each game's `tapes/make_tapes.py`.
"""
import json
import os

WIDTH, HEIGHT = 1280, 720
FPS = 30

# Anchor offsets from the nose tip, in face sizes (the outer-eye-corner distance).
# Left/right are the person's (MediaPipe's naming): the person's left eye is on the image right.
ANCHORS = {
    "forehead": (0.0, -1.05),
    "betweenEyes": (0.0, -0.55),
    "noseTip": (0.0, 0.0),
    "mouth": (0.0, 0.42),
    "chin": (0.0, 0.95),
    "leftEye": (0.32, -0.5),
    "rightEye": (-0.32, -0.5),
    "leftCheek": (0.42, 0.15),
    "rightCheek": (-0.42, 0.15),
}

# An open right palm facing the camera: the 21 landmarks (MediaPipe order) as offsets from the
# palm centre, in palm sizes.
OPEN_PALM = [
    (0.0, 1.2),                                                  # wrist
    (-0.35, 0.95), (-0.6, 0.7), (-0.8, 0.45), (-0.95, 0.25),     # thumb cmc, mcp, ip, tip
    (-0.3, 0.2), (-0.35, -0.25), (-0.38, -0.55), (-0.4, -0.8),   # index mcp, pip, dip, tip
    (0.0, 0.15), (0.0, -0.35), (0.0, -0.68), (0.0, -0.95),       # middle
    (0.28, 0.2), (0.32, -0.25), (0.35, -0.55), (0.37, -0.8),     # ring
    (0.52, 0.32), (0.62, 0.0), (0.68, -0.22), (0.72, -0.42),     # pinky
]


def r(v):
    return round(v, 2)


def face(nose, size=110.0, mouth_open=0.0, events=(), face_id=1):
    """One face with its nose tip at `nose` (x, y) and `size` pixels between the eye corners."""
    nx, ny = nose
    anchors = {k: {"x": r(nx + dx * size), "y": r(ny + dy * size)} for k, (dx, dy) in ANCHORS.items()}
    w, h = size * 1.5, size * 2.0
    return {
        "id": face_id,
        "score": 0.95,
        "bbox": {"x": r(nx - w / 2), "y": r(ny - h * 0.55), "w": r(w), "h": r(h)},
        "scale": size,
        "pose": {"yaw": 0.0, "pitch": 0.0, "roll": 0.0},
        "anchors": anchors,
        "expressions": {
            "mouthOpen": mouth_open,
            "leftEyeOpen": 0.9,
            "rightEyeOpen": 0.9,
            "browRaise": 0.1,
        },
        "events": [{"kind": k, "phase": p} for k, p in events],
    }


def hand(centre, palm=110.0, gesture="openPalm", handedness="right", hand_id=1):
    """An open hand with its palm centre at `centre`, `palm` pixels per palm size."""
    cx, cy = centre
    pts = [{"x": r(cx + dx * palm), "y": r(cy + dy * palm), "z": 0.0} for dx, dy in OPEN_PALM]
    xs, ys = [p["x"] for p in pts], [p["y"] for p in pts]
    out = {
        "id": hand_id,
        "score": 0.93,
        "handedness": handedness,
        "bbox": {"x": r(min(xs)), "y": r(min(ys)), "w": r(max(xs) - min(xs)), "h": r(max(ys) - min(ys))},
        "landmarks": pts,
    }
    if gesture:
        out["gesture"] = gesture
    return out


def frame(index, faces=(), hands=(), gestures=(), width=WIDTH, height=HEIGHT):
    out = {"frame": index, "width": width, "height": height, "faces": list(faces), "hands": list(hands)}
    if gestures:
        out["gestures"] = list(gestures)
    return out


class Held:
    """Turns a per-frame on/off state into begin/stay/end phases (None when idle)."""

    def __init__(self):
        self.on = False

    def phase(self, on):
        was, self.on = self.on, on
        if on:
            return "stay" if was else "begin"
        return "end" if was else None


def write(path, frames, comment):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {comment}\n")
        for fr in frames:
            f.write(json.dumps(fr, ensure_ascii=False, separators=(",", ":")) + "\n")
