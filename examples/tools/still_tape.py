#!/usr/bin/env python3
"""Turn `lantern track --json` of one photo into a screenshot tape of N still frames.

    lantern track --json --input photo.jpg > /tmp/track.jsonl
    python3 examples/tools/still_tape.py /tmp/track.jsonl examples/NAME/tapes/screenshot.jsonl \
        --frames 25 [--salute] [--comment "..."]

Frame i is the tracked frame with `frame: i`. Events keep their meaning over time: a state that
begins in the photo (`mouthOpen`, a gesture) has phase `begin` on frame 0 and `stay` after, and
one-off events (`found`) appear on frame 0 only, so triggers with hysteresis see the state held.

`--salute` adds what no shared photo shows: two hands in front of the chest below the first face
(a fist wrapped by an open palm) and a two-hand `salute` gesture event, for effects triggered by
the greeting salute.
"""
import argparse
import copy
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tape  # noqa: E402

ONE_OFF = {"found", "lost", "blink", "nod", "shake"}


def held(events, i, key):
    out = []
    for e in events:
        if e[key] in ONE_OFF:
            if i == 0:
                out.append(e)
        elif e["phase"] != "end":
            out.append({**e, "phase": "begin" if i == 0 else "stay"})
    return out


def salute_hands(tracked):
    """Two hands joined in front of the chest, below the first face (or the frame centre)."""
    w, h = tracked["width"], tracked["height"]
    if tracked["faces"]:
        f = tracked["faces"][0]
        cx = f["bbox"]["x"] + f["bbox"]["w"] / 2
        cy = min(h * 0.92, f["bbox"]["y"] + f["bbox"]["h"] * 1.55)
        palm = f["scale"] * 0.9
    else:
        cx, cy, palm = w / 2, h * 0.7, min(w, h) * 0.12
    left = tape.hand((cx + palm * 0.35, cy), palm=palm, gesture="openPalm", handedness="left", hand_id=101)
    right = tape.hand((cx - palm * 0.35, cy + palm * 0.1), palm=palm * 0.8, gesture="fist", handedness="right",
                      hand_id=102)
    return [left, right]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("track", help="output of `lantern track --json` (its first line is used)")
    ap.add_argument("out")
    ap.add_argument("--frames", type=int, required=True)
    ap.add_argument("--salute", action="store_true")
    ap.add_argument("--comment", default="")
    args = ap.parse_args()
    with open(args.track, encoding="utf-8") as f:
        tracked = json.loads(next(line for line in f if line.strip() and not line.startswith("#")))
    extra_hands = salute_hands(tracked) if args.salute else []
    frames = []
    for i in range(args.frames):
        fr = copy.deepcopy(tracked)
        fr["frame"] = i
        for face in fr["faces"]:
            face["events"] = held(face.get("events", []), i, "kind")
            if not face["events"]:
                del face["events"]
        fr["hands"] = fr["hands"] + copy.deepcopy(extra_hands)
        gestures = held(fr.get("gestures", []), i, "gesture")
        if args.salute:
            gestures.append({"gesture": "salute", "phase": "begin" if i == 0 else "stay",
                             "handIds": [101, 102]})
        if gestures:
            fr["gestures"] = gestures
        else:
            fr.pop("gestures", None)
        frames.append(fr)
    tape.write(args.out, frames, args.comment or f"still tape from {os.path.basename(args.track)}")


if __name__ == "__main__":
    main()
