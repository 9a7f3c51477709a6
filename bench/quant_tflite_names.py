"""Re-key an int8 range table made on a tf2onnx conversion by the TensorFlow Lite tensor names.

Lantern converts MediaPipe's .tflite files to ONNX in memory (engine/track/src/tflite/), keeping
TFLite's tensor names; `bench/quantize_ranges.py` made its tables on the older tf2onnx files. The
activations are the same, only named differently: a tf2onnx `Clip` (fused ReLU6) output is the
fused convolution's output here, and `X_Gemm__N:0` / `X_Squeeze__N:0` are `X`.

    python bench/quant_tflite_names.py engine/track/quant/mp_hand_landmark_full.json \
        /path/to/mp_hand_landmark_full.onnx /path/to/hand_landmark_full.tflite \
        engine/track/quant/hand_landmark_full.tflite.json

Needs `onnx` and `flatbuffers`, and TFLite's generated Python schema (`schema_py_generated.py`,
inside the mediapipe wheel at mediapipe/tasks/metadata/) on PYTHONPATH.
"""
import hashlib
import json
import re
import sys

import onnx
import schema_py_generated as schema


def main(table_path, onnx_path, tflite_path, out_path):
    data = open(tflite_path, "rb").read()
    sub = schema.Model.GetRootAsModel(data, 0).Subgraphs(0)
    names = {sub.Tensors(i).Name().decode() for i in range(sub.TensorsLength())}
    graph = onnx.load(onnx_path).graph
    producer = {o: n for n in graph.node for o in n.output}
    table = json.load(open(table_path))
    tensors = {}
    for key, value in table["tensors"].items():
        node = producer[key]
        name = node.input[0] if node.op_type == "Clip" else key
        if name not in names:
            name = re.sub(r"(_Gemm_.*|_Squeeze__\d+:0)$", "", name)
        if name not in names:
            sys.exit(f"{key}: no TFLite tensor matches")
        tensors[name] = value
    table["model"] = tflite_path.rsplit("/", 1)[-1]
    table["sha256"] = hashlib.sha256(data).hexdigest()
    table["note"] = (
        f"The ranges of {table_path.rsplit('/', 1)[-1]}, keyed by the TensorFlow Lite tensor "
        "names the in-memory conversion keeps; made by bench/quant_tflite_names.py."
    )
    table["tensors"] = tensors
    json.dump(table, open(out_path, "w"), indent=1)
    print(f"{len(tensors)} tensors -> {out_path}")


if __name__ == "__main__":
    main(*sys.argv[1:5])
