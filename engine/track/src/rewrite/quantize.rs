//! Static int8 quantization (QDQ) of a model from a table of activation ranges.
//!
//! ONNX Runtime's CPU convolutions on int8 (VNNI) run the full hand landmark model in about
//! half the time of float. The table (`engine/track/quant/<model>.json`, made by
//! `bench/quantize_ranges.py` from crops the tracker fed the model) gives each activation
//! tensor to quantize a `(scale, zero point)`. Here, as ONNX Runtime's own quantizer does in
//! its QDQ format:
//! - each listed tensor gets a `QuantizeLinear → DequantizeLinear` pair after its producer and
//!   its consumers read the dequantized copy;
//! - each `Conv` whose input is listed gets its weights as int8 per output channel and its bias
//!   as int32, both behind a `DequantizeLinear`.
//!
//! ONNX Runtime then fuses `DQ → Conv → Q` into `QLinearConv` (and `Add` likewise). Tensors
//! the table leaves out (the first convolutions, the dense heads) stay float: that is where
//! int8 moved the landmarks most.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::wire::{self, Value, put_bytes};
use super::{
    Attr, FLOAT, FloatTensor, GRAPH_INITIALIZER, GRAPH_NODE, NODE_INPUT, Node, float_tensor, node,
    node_bytes, tensor, tensor_name,
};

const UINT8: u64 = 2;
const INT8: u64 = 3;
const INT32: u64 = 6;

/// A model's quantization table, as `bench/quantize_ranges.py` writes it.
#[derive(Debug, Deserialize)]
pub(crate) struct Ranges {
    /// The model file the table was made for.
    pub model: String,
    /// Tensor name → `[scale, zero point]` (uint8).
    pub tensors: HashMap<String, (f32, u8)>,
}

/// The graph with the table's tensors quantized, or `None` when none of them is in it.
pub(super) fn quantize_graph(graph: &[u8], ranges: &Ranges) -> Result<Option<Vec<u8>>, String> {
    let fields = wire::parse(graph)?;
    let mut nodes: Vec<Node<'_>> = Vec::new();
    let mut inits: HashMap<&str, FloatTensor<'_>> = HashMap::new();
    for f in &fields {
        match (f.number, f.value) {
            (GRAPH_NODE, Value::Bytes(b)) => nodes.push(node(b)?),
            (GRAPH_INITIALIZER, Value::Bytes(b)) => {
                if let Some(t) = float_tensor(b)? {
                    inits.insert(t.name, t);
                }
            }
            _ => {}
        }
    }
    let produced: HashSet<&str> = nodes
        .iter()
        .flat_map(|n| n.outputs.iter().copied())
        .collect();
    let listed = |t: &str| ranges.tensors.get(t).filter(|_| produced.contains(t));
    if !ranges.tensors.keys().any(|t| produced.contains(t.as_str())) {
        return Ok(None);
    }
    // Each quantized conv: its input's scale, its weight's and bias's names. (A weight two
    // convs share would get two dequantize nodes of one name: ONNX Runtime refuses such a
    // model and the loader falls back to the model as it is.)
    let mut convs: HashMap<usize, (f32, &str, Option<&str>)> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.op_type != "Conv" {
            continue;
        }
        let Some(&(in_scale, _)) = n.inputs.first().and_then(|x| listed(x)) else {
            continue;
        };
        let w = n
            .inputs
            .get(1)
            .copied()
            .filter(|w| inits.get(w).is_some_and(|t| t.dims.len() == 4));
        let b = n.inputs.get(2).copied().filter(|b| inits.contains_key(b));
        if let Some(w) = w
            && (n.inputs.len() < 3 || b.is_some())
        {
            convs.insert(i, (in_scale, w, b));
        }
    }
    // Initializers every reader of which now reads a quantized copy are dropped.
    let mut keep: HashSet<&str> = HashSet::new();
    for (i, n) in nodes.iter().enumerate() {
        let quantized = convs.contains_key(&i);
        for (k, x) in n.inputs.iter().enumerate() {
            if !(quantized && (k == 1 || k == 2)) {
                keep.insert(x);
            }
        }
    }
    let mut out = Vec::with_capacity(graph.len() * 2);
    let mut added = Vec::new();
    let mut i = 0;
    for f in &fields {
        match (f.number, f.value) {
            (GRAPH_NODE, Value::Bytes(raw)) => {
                let n = &nodes[i];
                let mut inputs: Vec<String> = n
                    .inputs
                    .iter()
                    .map(|x| {
                        if listed(x).is_some() {
                            dequantized(x)
                        } else {
                            (*x).to_owned()
                        }
                    })
                    .collect();
                if let Some(&(in_scale, w, b)) = convs.get(&i) {
                    let (wq, w_scales) = conv_weights(&mut out, &mut added, w, &inits[w]);
                    inputs[1] = wq;
                    if let Some(b) = b {
                        inputs[2] =
                            conv_bias(&mut out, &mut added, b, &inits[b], in_scale, &w_scales);
                    }
                }
                put_bytes(&mut out, GRAPH_NODE, &with_inputs(raw, &inputs)?);
                for o in &n.outputs {
                    if let Some(&(scale, zero)) = listed(o) {
                        qdq(&mut out, &mut added, o, scale, zero);
                    }
                }
                i += 1;
            }
            (GRAPH_INITIALIZER, Value::Bytes(b)) => {
                let name = tensor_name(b)?;
                if keep.contains(name) || !inits.contains_key(name) {
                    out.extend_from_slice(f.raw);
                }
            }
            _ => out.extend_from_slice(f.raw),
        }
    }
    for t in added {
        put_bytes(&mut out, GRAPH_INITIALIZER, &t);
    }
    Ok(Some(out))
}

fn dequantized(t: &str) -> String {
    format!("{t}_lantern_dq")
}

/// `t → QuantizeLinear → DequantizeLinear → dequantized(t)`.
fn qdq(out: &mut Vec<u8>, added: &mut Vec<Vec<u8>>, t: &str, scale: f32, zero: u8) {
    let (s, z, q) = (
        format!("{t}_lantern_scale"),
        format!("{t}_lantern_zero"),
        format!("{t}_lantern_q"),
    );
    added.push(tensor(&s, &[], FLOAT, &scale.to_le_bytes()));
    added.push(tensor(&z, &[], UINT8, &[zero]));
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(&q, "QuantizeLinear", &[t, &s, &z], &[&q], &[]),
    );
    let dq = dequantized(t);
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(&dq, "DequantizeLinear", &[&q, &s, &z], &[&dq], &[]),
    );
}

/// Int8 weights per output channel (symmetric), behind a DequantizeLinear: its output's name
/// and the scales.
fn conv_weights(
    out: &mut Vec<u8>,
    added: &mut Vec<Vec<u8>>,
    w: &str,
    t: &FloatTensor<'_>,
) -> (String, Vec<f32>) {
    let channels = usize::try_from(t.dims[0]).unwrap_or(0).max(1);
    let per = t.values.len() / channels;
    let mut scales = Vec::with_capacity(channels);
    let mut q = Vec::with_capacity(t.values.len());
    for c in t.values.chunks(per.max(1)) {
        let max = c.iter().fold(0.0_f32, |m, v| m.max(v.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        scales.push(scale);
        q.extend(
            c.iter()
                .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8 as u8),
        );
    }
    let zeros = vec![0_u8; scales.len()];
    let name = format!("{w}_lantern_dq");
    dequantize_const(
        out,
        added,
        &name,
        (&t.dims, INT8, &q),
        &scales,
        (INT8, &zeros),
    );
    (name, scales)
}

/// Int32 bias with scale `in_scale · w_scale[c]`, behind a DequantizeLinear.
fn conv_bias(
    out: &mut Vec<u8>,
    added: &mut Vec<Vec<u8>>,
    b: &str,
    t: &FloatTensor<'_>,
    in_scale: f32,
    w_scales: &[f32],
) -> String {
    let scales: Vec<f32> = w_scales.iter().map(|s| s * in_scale).collect();
    let q: Vec<u8> = t
        .values
        .iter()
        .zip(scales.iter().chain(std::iter::repeat(&1.0)))
        .flat_map(|(v, s)| ((v / s).round() as i32).to_le_bytes())
        .collect();
    let zeros = vec![0_u8; scales.len() * 4];
    let name = format!("{b}_lantern_dq");
    dequantize_const(
        out,
        added,
        &name,
        (&t.dims, INT32, &q),
        &scales,
        (INT32, &zeros),
    );
    name
}

/// A constant `name = DequantizeLinear(data, scales, zeros)` per channel (axis 0).
fn dequantize_const(
    out: &mut Vec<u8>,
    added: &mut Vec<Vec<u8>>,
    name: &str,
    (dims, data_type, data): (&[u64], u64, &[u8]),
    scales: &[f32],
    (zero_type, zeros): (u64, &[u8]),
) {
    let (d, s, z) = (
        format!("{name}_data"),
        format!("{name}_scale"),
        format!("{name}_zero"),
    );
    let channels = [scales.len() as u64];
    added.push(tensor(&d, dims, data_type, data));
    let raw: Vec<u8> = scales.iter().flat_map(|v| v.to_le_bytes()).collect();
    added.push(tensor(&s, &channels, FLOAT, &raw));
    added.push(tensor(&z, &channels, zero_type, zeros));
    let axis = [("axis", Attr::Int(0))];
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(name, "DequantizeLinear", &[&d, &s, &z], &[name], &axis),
    );
}

/// The node with its inputs replaced (every other field copied as it is).
fn with_inputs(raw: &[u8], inputs: &[String]) -> Result<Vec<u8>, String> {
    let mut n = Vec::with_capacity(raw.len() + 64);
    for i in inputs {
        put_bytes(&mut n, NODE_INPUT, i.as_bytes());
    }
    for f in wire::parse(raw)? {
        if f.number != NODE_INPUT {
            n.extend_from_slice(f.raw);
        }
    }
    Ok(n)
}
