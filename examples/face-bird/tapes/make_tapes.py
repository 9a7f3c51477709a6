#!/usr/bin/env python3
"""Write face-bird's test tapes (1280x720 camera, 30 fps). Run from anywhere:

    python3 examples/face-bird/tapes/make_tapes.py

fly.jsonl (14 s, 420 frames): the nose stays at the frame centre for 8.5 s (the three tutorial
pipes have centred gaps, so the bird passes them), then rises to the top of the frame in 0.3 s
and stays there (the bird hits the next pipe, whose gap is never that high), then at 11.5 s the
mouth opens for one second (a restart) while the nose comes back to the centre.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))

import tape  # noqa: E402

FRAMES = 420
RISE_AT, RISE_FOR = 8.5, 0.3        # seconds
MOUTH_AT, MOUTH_FOR = 11.5, 1.0
BACK_AT = 11.0                      # the nose returns to the centre
CENTRE_Y, TOP_Y = 360.0, 40.0


def nose_y(t):
    if t < RISE_AT:
        return CENTRE_Y
    if t < RISE_AT + RISE_FOR:
        return CENTRE_Y + (TOP_Y - CENTRE_Y) * (t - RISE_AT) / RISE_FOR
    if t < BACK_AT:
        return TOP_Y
    return CENTRE_Y


def fly():
    mouth = tape.Held()
    frames = []
    for i in range(FRAMES):
        t = i / tape.FPS
        is_open = MOUTH_AT <= t < MOUTH_AT + MOUTH_FOR
        events = [("found", "begin")] if i == 0 else []
        phase = mouth.phase(is_open)
        if phase:
            events.append(("mouthOpen", phase))
        f = tape.face((640.0, nose_y(t)), mouth_open=0.8 if is_open else 0.05, events=events)
        frames.append(tape.frame(i, faces=[f]))
    return frames


def main():
    tape.write(os.path.join(HERE, "fly.jsonl"), fly(),
               "face-bird: nose centred 0-8.5 s, top 8.8-11 s, mouth open 11.5-12.5 s (make_tapes.py)")


if __name__ == "__main__":
    main()
