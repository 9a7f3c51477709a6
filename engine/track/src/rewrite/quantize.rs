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

use crate::onnx::pb::tensor_proto::DataType;
use crate::onnx::{self, Attr, pb};

/// A model's quantization table, as `bench/quantize_ranges.py` writes it.
#[derive(Debug, Deserialize)]
pub(crate) struct Ranges {
    /// The model file the table was made for.
    pub model: String,
    /// Tensor name → `[scale, zero point]` (uint8).
    pub tensors: HashMap<String, (f32, u8)>,
}

/// A float initializer a quantized conv reads.
struct Weight {
    dims: Vec<i64>,
    values: Vec<f32>,
}

/// Quantizes the table's tensors in the graph; whether any of them is in it.
pub(super) fn quantize_graph(graph: &mut pb::GraphProto, ranges: &Ranges) -> bool {
    let produced: HashSet<String> = graph.node.iter().flat_map(|n| n.output.clone()).collect();
    let listed = |t: &str| {
        ranges
            .tensors
            .get(t)
            .filter(|_| produced.contains(t))
            .copied()
    };
    if !ranges.tensors.keys().any(|t| produced.contains(t)) {
        return false;
    }
    let inits: HashMap<String, Weight> = super::float_inits(graph)
        .into_iter()
        .map(|(n, (dims, values))| {
            let dims = dims.to_vec();
            (n.to_owned(), Weight { dims, values })
        })
        .collect();
    // Each quantized conv: its input's scale, its weight's and bias's names. (A weight two
    // convs share would get two dequantize nodes of one name: ONNX Runtime refuses such a
    // model and the loader falls back to the model as it is.)
    let mut convs: HashMap<usize, (f32, String, Option<String>)> = HashMap::new();
    for (i, n) in graph.node.iter().enumerate() {
        if n.op_type() != "Conv" {
            continue;
        }
        let Some((in_scale, _)) = n.input.first().and_then(|x| listed(x)) else {
            continue;
        };
        let w = n
            .input
            .get(1)
            .filter(|w| inits.get(*w).is_some_and(|t| t.dims.len() == 4));
        let b = n.input.get(2).filter(|b| inits.contains_key(*b));
        if let Some(w) = w
            && (n.input.len() < 3 || b.is_some())
        {
            convs.insert(i, (in_scale, w.clone(), b.cloned()));
        }
    }
    // Initializers every reader of which now reads a quantized copy are dropped.
    let mut keep: HashSet<String> = HashSet::new();
    for (i, n) in graph.node.iter().enumerate() {
        let quantized = convs.contains_key(&i);
        for (k, x) in n.input.iter().enumerate() {
            if !(quantized && (k == 1 || k == 2)) {
                keep.insert(x.clone());
            }
        }
    }
    let mut out = Out::default();
    for (i, mut n) in std::mem::take(&mut graph.node).into_iter().enumerate() {
        for x in &mut n.input {
            if listed(x).is_some() {
                *x = dequantized(x);
            }
        }
        if let Some((in_scale, w, b)) = convs.get(&i) {
            let w_scales = out.conv_weights(w, &inits[w]);
            n.input[1] = dequantized(w);
            if let Some(b) = b {
                out.conv_bias(b, &inits[b], *in_scale, &w_scales);
                n.input[2] = dequantized(b);
            }
        }
        let outputs = n.output.clone();
        out.nodes.push(n);
        for o in &outputs {
            if let Some((scale, zero)) = listed(o) {
                out.qdq(o, scale, zero);
            }
        }
    }
    graph.node = out.nodes;
    graph
        .initializer
        .retain(|t| keep.contains(t.name()) || !inits.contains_key(t.name()));
    graph.initializer.extend(out.added);
    true
}

fn dequantized(t: &str) -> String {
    format!("{t}_lantern_dq")
}

/// The nodes of the rewritten graph, and the initializers added.
#[derive(Default)]
struct Out {
    nodes: Vec<pb::NodeProto>,
    added: Vec<pb::TensorProto>,
}

impl Out {
    /// `t → QuantizeLinear → DequantizeLinear → dequantized(t)`.
    fn qdq(&mut self, t: &str, scale: f32, zero: u8) {
        let (s, z, q) = (
            format!("{t}_lantern_scale"),
            format!("{t}_lantern_zero"),
            format!("{t}_lantern_q"),
        );
        self.added.push(onnx::floats(&s, &[], &[scale]));
        self.added
            .push(onnx::tensor(&z, &[], DataType::Uint8, vec![zero]));
        let quantize = onnx::node(&q, "QuantizeLinear", &[t, &s, &z], &[&q], &[]);
        self.nodes.push(quantize);
        let dq = dequantized(t);
        let dequantize = onnx::node(&dq, "DequantizeLinear", &[&q, &s, &z], &[&dq], &[]);
        self.nodes.push(dequantize);
    }

    /// Int8 weights per output channel (symmetric), behind a DequantizeLinear named
    /// `dequantized(w)`; returns the scales.
    fn conv_weights(&mut self, w: &str, t: &Weight) -> Vec<f32> {
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
        let data = (t.dims.as_slice(), DataType::Int8, q);
        self.dequantize_const(&dequantized(w), data, &scales, (DataType::Int8, zeros));
        scales
    }

    /// Int32 bias with scale `in_scale · w_scale[c]`, behind a DequantizeLinear named
    /// `dequantized(b)`.
    fn conv_bias(&mut self, b: &str, t: &Weight, in_scale: f32, w_scales: &[f32]) {
        let scales: Vec<f32> = w_scales.iter().map(|s| s * in_scale).collect();
        let q: Vec<u8> = t
            .values
            .iter()
            .zip(scales.iter().chain(std::iter::repeat(&1.0)))
            .flat_map(|(v, s)| ((v / s).round() as i32).to_le_bytes())
            .collect();
        let zeros = vec![0_u8; scales.len() * 4];
        let data = (t.dims.as_slice(), DataType::Int32, q);
        self.dequantize_const(&dequantized(b), data, &scales, (DataType::Int32, zeros));
    }

    /// A constant `name = DequantizeLinear(data, scales, zeros)` per channel (axis 0).
    fn dequantize_const(
        &mut self,
        name: &str,
        (dims, data_type, data): (&[i64], DataType, Vec<u8>),
        scales: &[f32],
        (zero_type, zeros): (DataType, Vec<u8>),
    ) {
        let (d, s, z) = (
            format!("{name}_data"),
            format!("{name}_scale"),
            format!("{name}_zero"),
        );
        let channels = [scales.len() as i64];
        self.added.push(onnx::tensor(&d, dims, data_type, data));
        self.added.push(onnx::floats(&s, &channels, scales));
        self.added
            .push(onnx::tensor(&z, &channels, zero_type, zeros));
        let axis = [("axis", Attr::Int(0))];
        let node = onnx::node(name, "DequantizeLinear", &[&d, &s, &z], &[name], &axis);
        self.nodes.push(node);
    }
}
