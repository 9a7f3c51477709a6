#!/usr/bin/env python3
"""Lantern's tracker side by side with MediaPipe's Python solutions (the reference peer).

Setup (never committed):
    python3 -m venv /root/.cache/lantern/mp-venv
    /root/.cache/lantern/mp-venv/bin/pip install mediapipe==0.10.14
Run from the repository root:
    /root/.cache/lantern/mp-venv/bin/python bench/mediapipe_compare.py [--frames 10]

It builds the same 1280x720 frames as `lantern bench track` (via the `compare_frames` example,
which also prints our still-image landmarks), then on each frame runs
`mp.solutions.face_mesh` and `mp.solutions.hands`:
  * landmark distance: static_image_mode=True vs our still mode, mean pixel distance per point
    (face: 468 mesh points; hands: 21 points, hands matched by nearest wrist);
  * time per frame: static_image_mode=False (tracking), each photo repeated --frames times, the
    first frame of each photo excluded; face-only, hands-only and face+hands, one process, CPU.
Compare the times with `lantern bench track` (tracking rows).
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import tempfile
import time

import cv2
import mediapipe as mp


def our_tracking(frames_dir, extra):
    out = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "lantern-track", "--example", "compare_frames", "--", frames_dir,
         *extra],
        check=True, capture_output=True, text=True,
    ).stdout
    return {r["file"]: r["tracking"] for r in map(json.loads, out.splitlines())}


def mp_face(image_rgb, static, mesh):
    res = mesh.process(image_rgb)
    h, w = image_rgb.shape[:2]
    if not res.multi_face_landmarks:
        return []
    return [[(p.x * w + 0.5, p.y * h + 0.5) for p in f.landmark[:468]] for f in res.multi_face_landmarks]


def mp_hands(image_rgb, hands):
    res = hands.process(image_rgb)
    h, w = image_rgb.shape[:2]
    if not res.multi_hand_landmarks:
        return []
    return [[(p.x * w + 0.5, p.y * h + 0.5) for p in hl.landmark] for hl in res.multi_hand_landmarks]


# MediaPipe's x * width puts pixel centres at whole numbers; Lantern's at +0.5: the + 0.5 above.


def mean_dist(a, b):
    return statistics.fmean(math.dist(p, q) for p, q in zip(a, b))


def mean_offset(a, b):
    return (statistics.fmean(p[0] - q[0] for p, q in zip(a, b)),
            statistics.fmean(p[1] - q[1] for p, q in zip(a, b)))


def timed(fn, images, repeat):
    times = []
    for img in images:
        fn(img)  # first frame of a scene: detection
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(img)
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.fmean(times), sorted(times)[int(len(times) * 0.9)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--frames", type=int, default=10, help="tracking frames per photo for timing")
    ap.add_argument("--no-timing", action="store_true", help="landmark distances only")
    ap.add_argument("--refine", action="store_true", help="our landmarks from a second pass on each crop")
    ap.add_argument("--lite-hands", action="store_true", help="our lite palm and hand models")
    ap.add_argument("--float", action="store_true", help="our models in float (no int8 hand landmarks)")
    args = ap.parse_args()
    frames_dir = tempfile.mkdtemp(prefix="lantern-mp-")
    ours = our_tracking(frames_dir, (["--refine"] if args.refine else []) + (["--lite-hands"] if args.lite_hands else [])
                        + (["--float"] if args.float else []))
    names = sorted(ours)
    images = {n: cv2.cvtColor(cv2.imread(os.path.join(frames_dir, n)), cv2.COLOR_BGR2RGB) for n in names}

    print("landmark distance, ours (still) vs MediaPipe 0.10.14 (static_image_mode=True), 1280x720 px")
    face_d, hand_d = [], []
    with mp.solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=4) as fm, \
            mp.solutions.hands.Hands(static_image_mode=True, max_num_hands=2) as hd:
        for n in names:
            theirs_f = mp_face(images[n], True, fm)
            theirs_h = mp_hands(images[n], hd)
            our_f = [[(p["x"], p["y"]) for p in f.get("landmarks", [])] for f in ours[n]["faces"]]
            our_h = [[(p["x"], p["y"]) for p in h["landmarks"]] for h in ours[n]["hands"]]
            parts = [f"{n:<48} faces {len(our_f)}/{len(theirs_f)} hands {len(our_h)}/{len(theirs_h)}"]
            for f in our_f:
                if theirs_f:
                    t = min(theirs_f, key=lambda t: mean_dist(f, t))
                    d = mean_dist(f, t)
                    face_d.append(d)
                    bx, by = mean_offset(f, t)
                    parts.append(f"face {d:.2f}px (bias {bx:+.1f},{by:+.1f})")
            # One-to-one by wrist distance; a hand only one side found is listed, not measured.
            pairs = sorted(((math.dist(h[0], t[0]), i, j) for i, h in enumerate(our_h)
                            for j, t in enumerate(theirs_h)))
            used_i, used_j = set(), set()
            for _, i, j in pairs:
                if i in used_i or j in used_j:
                    continue
                used_i.add(i)
                used_j.add(j)
                d = mean_dist(our_h[i], theirs_h[j])
                hand_d.append(d)
                bx, by = mean_offset(our_h[i], theirs_h[j])
                parts.append(f"hand {d:.2f}px (bias {bx:+.1f},{by:+.1f})")
            extra = len(our_h) - len(used_i)
            if extra:
                parts.append(f"(+{extra} hand(s) only we found)")
            print("  " + "  ".join(parts))
    if face_d:
        print(f"face mesh: mean {statistics.fmean(face_d):.2f} px, max {max(face_d):.2f} px over {len(face_d)} faces")
    if hand_d:
        print(f"hands:     mean {statistics.fmean(hand_d):.2f} px, max {max(hand_d):.2f} px over {len(hand_d)} hands")
    if args.no_timing:
        return

    print(f"\nMediaPipe time per tracking frame (static_image_mode=False, {args.frames} frames per photo)")
    imgs = [images[n] for n in names]
    with mp.solutions.face_mesh.FaceMesh(static_image_mode=False, max_num_faces=4) as fm:
        m, p90 = timed(fm.process, imgs, args.frames)
        print(f"  face        {m:7.2f} ms (p90 {p90:.2f})")
    with mp.solutions.hands.Hands(static_image_mode=False, max_num_hands=2) as hd:
        m, p90 = timed(hd.process, imgs, args.frames)
        print(f"  hands       {m:7.2f} ms (p90 {p90:.2f})")
    with mp.solutions.face_mesh.FaceMesh(static_image_mode=False, max_num_faces=4) as fm, \
            mp.solutions.hands.Hands(static_image_mode=False, max_num_hands=2) as hd:
        m, p90 = timed(lambda i: (fm.process(i), hd.process(i)), imgs, args.frames)
        print(f"  face+hands  {m:7.2f} ms (p90 {p90:.2f})")


if __name__ == "__main__":
    main()
