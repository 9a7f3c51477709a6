//! ONNX's protobuf messages as prost types, and small constructors for the nodes and tensors
//! the converter ([`crate::tflite`]) and the load-time rewrites ([`crate::rewrite`]) write.
//!
//! The types are compiled from `proto/onnx.proto` (ONNX's own file, from the `onnx` PyPI wheel)
//! by `build.rs` with protox: pure Rust, no `protoc`.

#[allow(
    clippy::all,
    clippy::pedantic,
    clippy::restriction,
    unused_qualifications,
    rust_2018_idioms,
    missing_docs
)]
pub mod pb {
    include!(concat!(env!("OUT_DIR"), "/onnx.rs"));
}

use pb::attribute_proto::AttributeType;
use pb::tensor_proto::DataType;
use pb::{AttributeProto, NodeProto, TensorProto};

/// An attribute value.
#[derive(Clone, Debug)]
pub enum Attr<'a> {
    Int(i64),
    Ints(&'a [i64]),
    Float(f32),
    Text(&'a str),
}

/// A node of the default (`ai.onnx`) domain.
pub fn node(
    name: &str,
    op: &str,
    inputs: &[&str],
    outputs: &[&str],
    attrs: &[(&str, Attr<'_>)],
) -> NodeProto {
    NodeProto {
        input: inputs.iter().map(|s| (*s).to_owned()).collect(),
        output: outputs.iter().map(|s| (*s).to_owned()).collect(),
        name: Some(name.to_owned()),
        op_type: Some(op.to_owned()),
        attribute: attrs.iter().map(|(n, v)| attribute(n, v)).collect(),
        ..NodeProto::default()
    }
}

fn attribute(name: &str, value: &Attr<'_>) -> AttributeProto {
    let mut a = AttributeProto {
        name: Some(name.to_owned()),
        ..AttributeProto::default()
    };
    match value {
        Attr::Int(v) => {
            a.i = Some(*v);
            a.set_type(AttributeType::Int);
        }
        Attr::Ints(v) => {
            a.ints = v.to_vec();
            a.set_type(AttributeType::Ints);
        }
        Attr::Float(v) => {
            a.f = Some(*v);
            a.set_type(AttributeType::Float);
        }
        Attr::Text(v) => {
            a.s = Some(v.as_bytes().to_vec());
            a.set_type(AttributeType::String);
        }
    }
    a
}

/// A tensor holding `raw` little-endian values of `data_type`.
pub fn tensor(name: &str, dims: &[i64], data_type: DataType, raw: Vec<u8>) -> TensorProto {
    TensorProto {
        dims: dims.to_vec(),
        data_type: Some(data_type as i32),
        name: Some(name.to_owned()),
        raw_data: Some(raw),
        ..TensorProto::default()
    }
}

/// A float tensor.
pub fn floats(name: &str, dims: &[i64], values: &[f32]) -> TensorProto {
    let raw = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    tensor(name, dims, DataType::Float, raw)
}

/// An int64 tensor.
pub fn int64s(name: &str, dims: &[i64], values: &[i64]) -> TensorProto {
    let raw = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    tensor(name, dims, DataType::Int64, raw)
}

/// The values of a float tensor stored in the model (raw or in `float_data`), or `None` for any
/// other type, external data, or a length that does not match the dims.
pub fn float_values(t: &TensorProto) -> Option<Vec<f32>> {
    let external = t.data_location == Some(pb::tensor_proto::DataLocation::External as i32);
    if t.data_type != Some(DataType::Float as i32) || external {
        return None;
    }
    let values: Vec<f32> = match &t.raw_data {
        Some(raw) => raw
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        None => t.float_data.clone(),
    };
    let expected = t
        .dims
        .iter()
        .try_fold(1_i64, |n, d| n.checked_mul(*d))
        .and_then(|n| usize::try_from(n).ok());
    (expected == Some(values.len())).then_some(values)
}

/// A graph input or output: a float tensor of a fixed shape.
pub fn float_value_info(name: &str, dims: &[i64]) -> pb::ValueInfoProto {
    use pb::tensor_shape_proto::{Dimension, dimension};
    use pb::type_proto::{Tensor, Value};
    let shape = pb::TensorShapeProto {
        dim: dims
            .iter()
            .map(|d| Dimension {
                value: Some(dimension::Value::DimValue(*d)),
                ..Dimension::default()
            })
            .collect(),
    };
    pb::ValueInfoProto {
        name: Some(name.to_owned()),
        r#type: Some(pb::TypeProto {
            value: Some(Value::TensorType(Tensor {
                elem_type: Some(DataType::Float as i32),
                shape: Some(shape),
            })),
            ..pb::TypeProto::default()
        }),
        ..pb::ValueInfoProto::default()
    }
}
