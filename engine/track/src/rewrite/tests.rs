use super::*;
use crate::models::Models;
use crate::runtime::OnnxModel;

const PRELU_MODELS: [(&str, [usize; 4]); 4] = [
    ("mp_face_landmark.onnx", [1, 192, 192, 3]),
    ("mp_iris_landmark.onnx", [1, 64, 64, 3]),
    ("mp_palm_detection_full.onnx", [1, 192, 192, 3]),
    ("mp_palm_detection_lite.onnx", [1, 192, 192, 3]),
];

fn op_types(model: &[u8]) -> Vec<String> {
    let graph = wire::parse(model)
        .unwrap()
        .into_iter()
        .find_map(|f| match (f.number, f.value) {
            (MODEL_GRAPH, Value::Bytes(b)) => Some(b),
            _ => None,
        })
        .unwrap();
    wire::parse(graph)
        .unwrap()
        .into_iter()
        .filter_map(|f| match (f.number, f.value) {
            (GRAPH_NODE, Value::Bytes(b)) => Some(node(b).unwrap().op_type.to_owned()),
            _ => None,
        })
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
    let models = Models::discover();
    for (file, shape) in PRELU_MODELS {
        let path = models.path(file).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let before = op_types(&bytes);
        let after = op_types(
            &rewrite(file, &bytes, Rewrites::ALL)
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
            assert!(worst < 1e-3, "{file} output {k}: off by {worst}");
        }
    }
}

#[test]
fn a_model_without_prelu_or_table_is_left_alone() {
    let models = Models::discover();
    for file in [
        "mp_hand_landmark_lite.onnx",
        "mp_face_detection_short_range.onnx",
    ] {
        let bytes = std::fs::read(models.path(file).unwrap()).unwrap();
        assert_eq!(
            rewrite(file, &bytes, Rewrites::ALL).unwrap(),
            None,
            "{file}"
        );
    }
}

#[test]
fn the_hand_model_gets_int8_convolutions_from_its_table() {
    let file = "mp_hand_landmark_full.onnx";
    let models = Models::discover();
    let path = models.path(file).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let table = table(file).unwrap().unwrap();
    assert_eq!(table.model, file);
    let ops = op_types(&rewrite(file, &bytes, Rewrites::ALL).unwrap().unwrap());
    let count = |op: &str| ops.iter().filter(|o| *o == op).count();
    assert_eq!(count("QuantizeLinear"), table.tensors.len());
    assert!(
        count("DequantizeLinear") > 2 * table.tensors.len(),
        "weights and biases too"
    );

    // It loads and runs; how close it stays to float on real hands: `tests/hands.rs`.
    let mut int8 = OnnxModel::load_with(&path, file, 1, Rewrites::ALL).unwrap();
    let out = int8
        .run(&input([1, 224, 224, 3]), &[1, 224, 224, 3])
        .unwrap();
    assert_eq!(out[0].len(), 63);
}

#[test]
fn broken_bytes_are_an_error_not_a_panic() {
    let models = Models::discover();
    for file in ["mp_iris_landmark.onnx", "mp_hand_landmark_full.onnx"] {
        let bytes = std::fs::read(models.path(file).unwrap()).unwrap();
        for cut in [1, 7, 100, bytes.len() / 2, bytes.len() - 3] {
            let _ = rewrite(file, &bytes[..cut], Rewrites::ALL);
        }
        let r = rewrite(file, b"not an onnx model at all", Rewrites::ALL);
        assert!(!matches!(r, Ok(Some(_))), "{file}");
    }
}
