use prost::Message as _;

use super::*;
use crate::models::{Models, Source, manifest};

/// Each tensor's name and dims.
fn signature(values: &[pb::ValueInfoProto]) -> Vec<(String, Vec<i64>)> {
    use pb::tensor_shape_proto::dimension::Value;
    use pb::type_proto::Value as Type;
    values
        .iter()
        .map(|v| {
            let dims = match v.r#type.as_ref().and_then(|t| t.value.as_ref()) {
                Some(Type::TensorType(t)) => t
                    .shape
                    .iter()
                    .flat_map(|s| &s.dim)
                    .map(|d| match d.value {
                        Some(Value::DimValue(n)) => n,
                        _ => -1,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            (v.name().to_owned(), dims)
        })
        .collect()
}

fn graph_inputs(g: &pb::GraphProto) -> Vec<pb::ValueInfoProto> {
    let inits: Vec<&str> = g.initializer.iter().map(pb::TensorProto::name).collect();
    g.input
        .iter()
        .filter(|i| !inits.contains(&i.name()))
        .cloned()
        .collect()
}

#[test]
fn every_model_keeps_the_inputs_and_outputs_of_its_onnx_conversion() {
    let (tflite, onnx) = (
        Models::discover().only(Source::Tflite),
        Models::discover().only(Source::Onnx),
    );
    // Models with an ONNX conversion to compare with.
    let compared = manifest()
        .unwrap()
        .iter()
        .filter(|s| s.tflite.is_some() && s.sha256.is_some());
    for spec in compared {
        let converted = convert(&std::fs::read(tflite.path(&spec.file).unwrap()).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", spec.file));
        let old = std::fs::read(onnx.path(&spec.file).unwrap()).unwrap();
        let old = pb::ModelProto::decode(old.as_slice()).unwrap();
        let (a, b) = (converted.graph.unwrap(), old.graph.unwrap());
        assert_eq!(
            signature(&graph_inputs(&a)),
            signature(&graph_inputs(&b)),
            "{}",
            spec.file
        );
        assert_eq!(signature(&a.output), signature(&b.output), "{}", spec.file);
        assert!(
            !a.node.iter().any(|n| n.op_type().starts_with("TFL")),
            "{}: no custom op left",
            spec.file
        );
    }
}

#[test]
fn broken_bytes_are_an_error_not_a_panic() {
    let models = Models::discover().only(Source::Tflite);
    let bytes = std::fs::read(models.path("mp_iris_landmark.onnx").unwrap()).unwrap();
    for cut in [0, 3, 8, 100] {
        assert!(convert(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    for cut in [bytes.len() / 2, bytes.len() - 1] {
        let _ = convert(&bytes[..cut]);
    }
    let mut flipped = bytes.clone();
    for i in (0..flipped.len()).step_by(997) {
        flipped[i] ^= 0x5a;
    }
    let _ = convert(&flipped);
    assert!(convert(b"not a tflite model at all").is_err());
}

#[test]
fn the_generated_schema_code_is_from_the_schema_in_the_tree() {
    let root = env!("CARGO_MANIFEST_DIR");
    let generated =
        std::fs::read_to_string(format!("{root}/src/tflite/schema_generated.rs")).unwrap();
    let schema = std::path::PathBuf::from(format!("{root}/schema/tflite.fbs"));
    let sha = crate::models::sha256_file(&schema).unwrap();
    assert!(
        generated.lines().next().unwrap().contains(&sha),
        "schema/tflite.fbs changed: regenerate src/tflite/schema_generated.rs as its first lines say"
    );
}
