#!/usr/bin/env python3
"""Make the int8 table of a model: engine/track/quant/<model>.json (activation ranges).

The tracker quantizes a model at load time from this table (engine/track/src/rewrite/quantize.rs):
int8 weights it computes itself, and a (scale, zero point) per activation tensor from here. The
model stays data (never committed); the table is a few kB of numbers derived from it.

Setup (never committed):
    python3 -m venv /root/.cache/lantern/onnx-venv
    /root/.cache/lantern/onnx-venv/bin/pip install onnx onnxruntime==1.31.1 sympy numpy
Calibration inputs: the crops the tracker itself feeds the model, from the photos and a clip
that moves them (rotation, brightness), e.g.:
    export LANTERN_DUMP_MODEL_INPUTS=/tmp/calib
    for f in ../shared/media/*.jpg ../shared/media/*.png ../shared/media/hagrid/*.png; do
        lantern track "$f"; done
    lantern track /tmp/calclip.mp4      # (see the table's "calibration" field for how it was made)
Run from the repository root:
    /root/.cache/lantern/onnx-venv/bin/python bench/quantize_ranges.py --inputs /tmp/calib

It runs ONNX Runtime's static quantizer (QDQ, uint8 activations, int8 per-channel weights,
MinMax) with the first --float-convs convolutions and the dense heads left in float (where
int8 moved the landmarks most), then reads each activation's (scale, zero point) back out of
the quantized model. It prints the landmark error of the quantized model against float on
held-out crops.
"""
import argparse
import hashlib
import json
import os
import tempfile

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper
from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat,
                                      QuantType, quantize_static)
from onnxruntime.quantization.shape_inference import quant_pre_process


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", required=True, help="folder of <model>.f32 dumps")
    ap.add_argument("--model", default="mp_hand_landmark_full.onnx")
    ap.add_argument("--models-dir", default=os.environ.get("LANTERN_MODELS", "../shared/models"))
    ap.add_argument("--float-convs", type=int, default=5)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    src = os.path.join(args.models_dir, args.model)
    model = onnx.load(src)
    inp = model.graph.input[0]
    shape = [d.dim_value or 1 for d in inp.type.tensor_type.shape.dim]
    data = np.fromfile(os.path.join(args.inputs, args.model + ".f32"), dtype=np.float32)
    data = data.reshape([-1] + shape[1:])
    order = np.random.default_rng(0).permutation(len(data))
    calib, held_out = order[: args.samples], order[args.samples:][:100]
    print(f"{args.model}: {len(data)} crops, {len(calib)} to calibrate, {len(held_out)} held out")

    with tempfile.TemporaryDirectory() as tmp:
        pre, out = os.path.join(tmp, "pre.onnx"), os.path.join(tmp, "q.onnx")
        quant_pre_process(src, pre)
        g = onnx.load(pre).graph
        convs = [n.name for n in g.node if n.op_type == "Conv"]
        excluded = convs[: args.float_convs] + [n.name for n in g.node if n.op_type == "Gemm"]

        class Reader(CalibrationDataReader):
            def __init__(self):
                self.it = iter([{inp.name: data[i: i + 1]} for i in calib])

            def get_next(self):
                return next(self.it, None)

        quantize_static(pre, out, Reader(), quant_format=QuantFormat.QDQ,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        per_channel=True, calibrate_method=CalibrationMethod.MinMax,
                        nodes_to_exclude=excluded)
        q = onnx.load(out)
        inits = {i.name: numpy_helper.to_array(i) for i in q.graph.initializer}
        produced = {o for n in model.graph.node for o in n.output}
        tensors = {}
        for n in q.graph.node:
            if n.op_type == "QuantizeLinear" and n.input[0] in produced:
                tensors[n.input[0]] = [float(inits[n.input[1]]), int(inits[n.input[2]])]
        error(src, out, data, held_out, inp.name)

    with open(src, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    table = {
        "model": args.model,
        "sha256": sha,
        "recipe": f"onnxruntime {ort.__version__} quantize_static: QDQ, uint8 activations, int8 "
                  f"per-channel weights, MinMax; first {args.float_convs} Conv and every Gemm float",
        "calibration": f"{len(calib)} of {len(data)} crops the tracker fed the model: the photos "
                       "in shared/media, each alone and in a 1 s clip at 20 fps rotating ±0.3 rad "
                       "with brightness ±0.1 (ffmpeg rotate/eq), 1280x720",
        "tensors": dict(sorted(tensors.items())),
    }
    dest = args.out or os.path.join("engine/track/quant", args.model.replace(".onnx", ".json"))
    with open(dest, "w") as f:
        json.dump(table, f, indent=1)
        f.write("\n")
    print(f"{len(tensors)} tensors → {dest}")


def error(float_model, int8_model, data, idx, name):
    """Mean landmark distance (crop pixels) of int8 against float on held-out crops."""
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    a = ort.InferenceSession(float_model, so, providers=["CPUExecutionProvider"])
    b = ort.InferenceSession(int8_model, so, providers=["CPUExecutionProvider"])
    d = []
    for i in idx:
        x = {name: data[i: i + 1]}
        pa = a.run(None, x)[0].reshape(-1, 3)[:, :2]
        pb = b.run(None, x)[0].reshape(-1, 3)[:, :2]
        d.append(np.linalg.norm(pa - pb, axis=1).mean())
    print(f"int8 vs float on {len(d)} held-out crops: mean {np.mean(d):.2f} px, "
          f"p90 {np.percentile(d, 90):.2f} px (crop pixels)")


if __name__ == "__main__":
    main()
