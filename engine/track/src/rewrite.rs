//! Load-time rewrites of the models into forms ONNX Runtime's CPU provider runs fast.
//!
//! - [`prelu`]: PRelu nodes become two 1x1 depthwise convolutions (exact; the face mesh, iris
//!   and palm models run 1.6–1.9x faster).
//! - [`quantize`]: a model with a table in `engine/track/quant/` gets int8 convolutions (the
//!   hand landmark model: 8.7 → 4.8 ms, its landmarks within about half a crop pixel).
//!
//! Both work on the protobuf wire format ([`wire`]) and touch only the graph's nodes and
//! initializers: every other byte is copied as it is. A model they do not understand is
//! loaded as it is (only slower), and the sha256 of the file is checked before any of this.

use std::collections::HashMap;
use std::sync::OnceLock;

mod prelu;
mod quantize;
mod wire;

use wire::{Value, put_bytes, put_varint_field};

/// ONNX field numbers used here (onnx.proto).
const MODEL_GRAPH: u32 = 7;
const GRAPH_NODE: u32 = 1;
const GRAPH_INITIALIZER: u32 = 5;
const GRAPH_INPUT: u32 = 11;
const NODE_INPUT: u32 = 1;
const NODE_OUTPUT: u32 = 2;
const NODE_NAME: u32 = 3;
const NODE_OP_TYPE: u32 = 4;
const NODE_ATTRIBUTE: u32 = 5;
const NODE_DOMAIN: u32 = 7;
const ATTR_NAME: u32 = 1;
const ATTR_I: u32 = 3;
const ATTR_INTS: u32 = 8;
const ATTR_TYPE: u32 = 20;
const ATTR_TYPE_INT: u64 = 2;
const ATTR_TYPE_INTS: u64 = 7;
const TENSOR_DIMS: u32 = 1;
const TENSOR_DATA_TYPE: u32 = 2;
const TENSOR_FLOAT_DATA: u32 = 4;
const TENSOR_NAME: u32 = 8;
const TENSOR_RAW_DATA: u32 = 9;
const TENSOR_DATA_LOCATION: u32 = 14;
const VALUE_INFO_NAME: u32 = 1;
const FLOAT: u64 = 1;

/// The quantization tables, by model file.
const TABLES: [(&str, &str); 1] = [(
    "mp_hand_landmark_full.onnx",
    include_str!("../quant/mp_hand_landmark_full.json"),
)];

/// How to load a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rewrites {
    /// PRelu as depthwise convolutions.
    pub prelu: bool,
    /// Int8 convolutions where a table exists.
    pub int8: bool,
}

impl Rewrites {
    pub const ALL: Self = Self {
        prelu: true,
        int8: true,
    };
    pub const NONE: Self = Self {
        prelu: false,
        int8: false,
    };
}

/// The model `file` (its bytes) rewritten, or `None` when nothing applies.
pub(crate) fn rewrite(file: &str, model: &[u8], with: Rewrites) -> Result<Option<Vec<u8>>, String> {
    let mut current: Option<Vec<u8>> = None;
    if with.prelu {
        current = map_graph(model, prelu::rewrite)?;
    }
    if with.int8
        && let Some(table) = table(file)?
    {
        let input = current.as_deref().unwrap_or(model);
        if let Some(q) = map_graph(input, |g| quantize::quantize_graph(g, table))? {
            current = Some(q);
        }
    }
    Ok(current)
}

fn table(file: &str) -> Result<Option<&'static quantize::Ranges>, String> {
    static PARSED: OnceLock<HashMap<&'static str, Result<quantize::Ranges, String>>> =
        OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        TABLES
            .iter()
            .map(|(f, json)| {
                (
                    *f,
                    serde_json::from_str(json).map_err(|e| format!("quant/{f}: {e}")),
                )
            })
            .collect()
    });
    match parsed.get(file) {
        Some(Ok(t)) if t.model != file => {
            Err(format!("quant/{file}: the table is for {}", t.model))
        }
        Some(Ok(t)) => Ok(Some(t)),
        Some(Err(e)) => Err(e.clone()),
        None => Ok(None),
    }
}

/// The model with its graph replaced by `f(graph)`, or `None` when `f` changed nothing.
fn map_graph(
    model: &[u8],
    f: impl Fn(&[u8]) -> Result<Option<Vec<u8>>, String>,
) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::with_capacity(model.len() + model.len() / 4);
    let mut changed = false;
    for field in wire::parse(model)? {
        match (field.number, field.value) {
            (MODEL_GRAPH, Value::Bytes(graph)) => match f(graph)? {
                Some(g) => {
                    put_bytes(&mut out, MODEL_GRAPH, &g);
                    changed = true;
                }
                None => out.extend_from_slice(field.raw),
            },
            _ => out.extend_from_slice(field.raw),
        }
    }
    Ok(changed.then_some(out))
}

/// A node's parts the rewrites read.
struct Node<'a> {
    inputs: Vec<&'a str>,
    outputs: Vec<&'a str>,
    op_type: &'a str,
    domain: &'a str,
}

fn node(bytes: &[u8]) -> Result<Node<'_>, String> {
    let mut n = Node {
        inputs: Vec::new(),
        outputs: Vec::new(),
        op_type: "",
        domain: "",
    };
    for f in wire::parse(bytes)? {
        match (f.number, f.value) {
            (NODE_INPUT, Value::Bytes(b)) => n.inputs.push(text(b)?),
            (NODE_OUTPUT, Value::Bytes(b)) => n.outputs.push(text(b)?),
            (NODE_OP_TYPE, Value::Bytes(b)) => n.op_type = text(b)?,
            (NODE_DOMAIN, Value::Bytes(b)) => n.domain = text(b)?,
            _ => {}
        }
    }
    Ok(n)
}

fn text(b: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(b).map_err(|e| format!("a name is not UTF-8: {e}"))
}

/// A node attribute.
enum Attr<'a> {
    Int(u64),
    Ints(&'a [u64]),
}

/// A NodeProto.
fn node_bytes(
    name: &str,
    op: &str,
    inputs: &[&str],
    outputs: &[&str],
    attrs: &[(&str, Attr<'_>)],
) -> Vec<u8> {
    let mut n = Vec::new();
    for i in inputs {
        put_bytes(&mut n, NODE_INPUT, i.as_bytes());
    }
    for o in outputs {
        put_bytes(&mut n, NODE_OUTPUT, o.as_bytes());
    }
    put_bytes(&mut n, NODE_NAME, name.as_bytes());
    put_bytes(&mut n, NODE_OP_TYPE, op.as_bytes());
    for (attr, value) in attrs {
        let mut a = Vec::new();
        put_bytes(&mut a, ATTR_NAME, attr.as_bytes());
        match value {
            Attr::Int(v) => {
                put_varint_field(&mut a, ATTR_I, *v);
                put_varint_field(&mut a, ATTR_TYPE, ATTR_TYPE_INT);
            }
            Attr::Ints(vs) => {
                for v in *vs {
                    put_varint_field(&mut a, ATTR_INTS, *v);
                }
                put_varint_field(&mut a, ATTR_TYPE, ATTR_TYPE_INTS);
            }
        }
        put_bytes(&mut n, NODE_ATTRIBUTE, &a);
    }
    n
}

/// A TensorProto holding `raw` little-endian values.
fn tensor(name: &str, dims: &[u64], data_type: u64, raw: &[u8]) -> Vec<u8> {
    let mut t = Vec::new();
    for &d in dims {
        put_varint_field(&mut t, TENSOR_DIMS, d);
    }
    put_varint_field(&mut t, TENSOR_DATA_TYPE, data_type);
    put_bytes(&mut t, TENSOR_NAME, name.as_bytes());
    put_bytes(&mut t, TENSOR_RAW_DATA, raw);
    t
}

fn tensor_name(bytes: &[u8]) -> Result<&str, String> {
    for f in wire::parse(bytes)? {
        if let (TENSOR_NAME, Value::Bytes(b)) = (f.number, f.value) {
            return text(b);
        }
    }
    Ok("")
}

/// A float initializer stored in the file.
struct FloatTensor<'a> {
    name: &'a str,
    dims: Vec<u64>,
    values: Vec<f32>,
}

fn float_tensor(bytes: &[u8]) -> Result<Option<FloatTensor<'_>>, String> {
    let mut dims = Vec::new();
    let (mut name, mut data_type, mut external) = ("", 0, false);
    let (mut raw, mut floats): (Option<&[u8]>, Vec<f32>) = (None, Vec::new());
    for f in wire::parse(bytes)? {
        match (f.number, f.value) {
            (TENSOR_DIMS, Value::Varint(d)) => dims.push(d),
            (TENSOR_DIMS, Value::Bytes(b)) => dims.extend(wire::packed_varints(b)?),
            (TENSOR_DATA_TYPE, Value::Varint(t)) => data_type = t,
            (TENSOR_NAME, Value::Bytes(b)) => name = text(b)?,
            (TENSOR_RAW_DATA, Value::Bytes(b)) => raw = Some(b),
            (TENSOR_FLOAT_DATA, Value::Bytes(b)) => floats.extend(le_floats(b)),
            (TENSOR_FLOAT_DATA, Value::Fixed32(v)) => floats.push(f32::from_bits(v)),
            (TENSOR_DATA_LOCATION, Value::Varint(1)) => external = true,
            _ => {}
        }
    }
    if data_type != FLOAT || external {
        return Ok(None);
    }
    let values = raw.map_or(floats, le_floats);
    let expected = dims.iter().try_fold(1_u64, |n, d| n.checked_mul(*d));
    Ok((expected == Some(values.len() as u64)).then_some(FloatTensor { name, dims, values }))
}

fn le_floats(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[cfg(test)]
mod tests;
