use std::path::PathBuf;

use super::*;
use crate::models::{Models, Source};
use crate::runtime::OnnxModel;

/// The model `file` from `source` files: its path, the source file's name (which picks the
/// int8 table) and its ONNX bytes (a `.tflite` converted).
fn model(file: &str, source: Source) -> (PathBuf, String, Vec<u8>) {
    let path = Models::discover().only(source).path(file).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    let bytes = std::fs::read(&path).unwrap();
    let bytes = match source {
        Source::Tflite => crate::tflite::convert(&bytes).unwrap().encode_to_vec(),
        _ => bytes,
    };
    (path, name, bytes)
}

const SOURCES: [Source; 2] = [Source::Onnx, Source::Tflite];

const PRELU_MODELS: [(&str, [usize; 4]); 4] = [
    ("mp_face_landmark.onnx", [1, 192, 192, 3]),
    ("mp_iris_landmark.onnx", [1, 64, 64, 3]),
    ("mp_palm_detection_full.onnx", [1, 192, 192, 3]),
    ("mp_palm_detection_lite.onnx", [1, 192, 192, 3]),
];

fn op_types(model: &[u8]) -> Vec<String> {
    use prost::Message as _;
    let m = pb::ModelProto::decode(model).unwrap();
    m.graph
        .unwrap()
        .node
        .iter()
        .map(|n| n.op_type().to_owned())
        .collect()
}

/// A smooth test picture in 0..1 (the models' input range).
fn input(shape: [usize; 4]) -> Vec<f32> {
    let n: usize = shape.iter().product();
    (0..n)
        .map(|i| 0.5 + 0.5 * ((i as f32) * 0.013).sin() * ((i / 97) as f32 * 0.07).cos())
        .collect()
}

#[test]
fn the_rewritten_models_compute_the_same_outputs_without_prelu() {
    for ((file, shape), source) in PRELU_MODELS
        .into_iter()
        .flat_map(|m| SOURCES.map(|s| (m, s)))
    {
        let (path, name, bytes) = model(file, source);
        let before = op_types(&bytes);
        let after = op_types(
            &rewrite(&name, &bytes, Rewrites::ALL)
                .unwrap()
                .expect("has PRelu nodes"),
        );
        let prelus = before.iter().filter(|o| *o == "PRelu").count();
        assert!(prelus > 0, "{file}");
        assert!(!after.iter().any(|o| o == "PRelu"), "{file}: {after:?}");
        assert_eq!(
            after.len(),
            before.len() + 3 * prelus,
            "{file}: four nodes for each PRelu"
        );

        let x = input(shape);
        let mut plain = OnnxModel::load_with(&path, file, 1, Rewrites::NONE).unwrap();
        let mut fast = OnnxModel::load_with(&path, file, 1, Rewrites::ALL).unwrap();
        let (a, b) = (
            plain.run(&x, &shape).unwrap(),
            fast.run(&x, &shape).unwrap(),
        );
        assert_eq!(a.len(), b.len(), "{file}");
        for (k, (a, b)) in a.iter().zip(&b).enumerate() {
            assert_eq!(a.len(), b.len(), "{file} output {k}");
            let worst = a
                .iter()
                .zip(b)
                .map(|(p, q)| (p - q).abs() / (1.0 + p.abs()))
                .fold(0.0_f32, f32::max);
            assert!(worst < 1e-3, "{name} output {k}: off by {worst}");
        }
    }
}

#[test]
fn a_model_without_prelu_or_table_is_left_alone() {
    for file in [
        "mp_hand_landmark_lite.onnx",
        "mp_face_detection_short_range.onnx",
    ] {
        for source in SOURCES {
            let (_, name, bytes) = model(file, source);
            assert_eq!(
                rewrite(&name, &bytes, Rewrites::ALL).unwrap(),
                None,
                "{name}"
            );
        }
    }
}

#[test]
fn the_hand_model_gets_int8_convolutions_from_its_table() {
    for source in SOURCES {
        let (path, name, bytes) = model("mp_hand_landmark_full.onnx", source);
        let table = table(&name).unwrap().unwrap();
        assert_eq!(table.model, name);
        let ops = op_types(&rewrite(&name, &bytes, Rewrites::ALL).unwrap().unwrap());
        let count = |op: &str| ops.iter().filter(|o| *o == op).count();
        assert_eq!(count("QuantizeLinear"), table.tensors.len(), "{name}");
        assert!(
            count("DequantizeLinear") > 2 * table.tensors.len(),
            "{name}: weights and biases too"
        );

        // It loads and runs; how close it stays to float on real hands: `tests/hands.rs`.
        let mut int8 = OnnxModel::load_with(&path, "hand", 1, Rewrites::ALL).unwrap();
        let out = int8
            .run(&input([1, 224, 224, 3]), &[1, 224, 224, 3])
            .unwrap();
        assert_eq!(out[0].len(), 63);
    }
}

#[test]
fn broken_bytes_are_an_error_not_a_panic() {
    for file in ["mp_iris_landmark.onnx", "mp_hand_landmark_full.onnx"] {
        let (_, name, bytes) = model(file, Source::Onnx);
        for cut in [1, 7, 100, bytes.len() / 2, bytes.len() - 3] {
            let _ = rewrite(&name, &bytes[..cut], Rewrites::ALL);
        }
        let r = rewrite(&name, b"not an onnx model at all", Rewrites::ALL);
        assert!(!matches!(r, Ok(Some(_))), "{name}");
    }
}
