#!/usr/bin/env python3
"""Write red-packet-rain's test tapes (1280x720 camera, 30 fps). Run from anywhere:

    python3 examples/red-packet-rain/tapes/make_tapes.py

sweep.jsonl (12 s, 360 frames): one open right palm (gesture openPalm) sweeps left and right
across the lower middle of the frame, 0.7 s per crossing. A packet stays inside the band the hand
sweeps for longer than the hand takes to come back to any x, so every packet that reaches the
band is caught.

idle.jsonl (33.5 s, 1005 frames): nobody in view until 31 s, then a face that opens its mouth
from 31.5 s to 32.5 s (restarting the round, which ended at 30 s with score 0).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))

import tape  # noqa: E402

SWEEP_FRAMES = 360
CROSSING = 0.7                  # seconds per left-to-right crossing
X_RANGE = (0.06 * tape.WIDTH, 0.94 * tape.WIDTH)
BAND_Y = 0.62 * tape.HEIGHT
IDLE_FRAMES = 1005
FACE_AT = 31.0
MOUTH_AT, MOUTH_FOR = 31.5, 1.0


def sweep_x(t):
    # A triangle wave between the ends of X_RANGE.
    u = (t / CROSSING) % 2.0
    u = u if u <= 1.0 else 2.0 - u
    return X_RANGE[0] + (X_RANGE[1] - X_RANGE[0]) * u


def sweep():
    palm = tape.Held()
    frames = []
    for i in range(SWEEP_FRAMES):
        t = i / tape.FPS
        h = tape.hand((sweep_x(t), BAND_Y), gesture="openPalm", handedness="right", hand_id=1)
        gesture = {"gesture": "openPalm", "phase": palm.phase(True), "handIds": [1], "handedness": "right"}
        frames.append(tape.frame(i, hands=[h], gestures=[gesture]))
    return frames


def idle():
    mouth = tape.Held()
    frames = []
    for i in range(IDLE_FRAMES):
        t = i / tape.FPS
        if t < FACE_AT:
            frames.append(tape.frame(i))
            continue
        is_open = MOUTH_AT <= t < MOUTH_AT + MOUTH_FOR
        events = [("found", "begin")] if i == round(FACE_AT * tape.FPS) else []
        phase = mouth.phase(is_open)
        if phase:
            events.append(("mouthOpen", phase))
        f = tape.face((640.0, 330.0), mouth_open=0.8 if is_open else 0.05, events=events)
        frames.append(tape.frame(i, faces=[f]))
    return frames


def main():
    tape.write(os.path.join(HERE, "sweep.jsonl"), sweep(),
               "red-packet-rain: an open palm sweeping across at y=446, 0.7 s per crossing (make_tapes.py)")
    tape.write(os.path.join(HERE, "idle.jsonl"), idle(),
               "red-packet-rain: nobody until 31 s, then a face; mouth open 31.5-32.5 s (make_tapes.py)")


if __name__ == "__main__":
    main()
