//! PRelu as two 1x1 depthwise convolutions.
//!
//! MediaPipe's face mesh, iris and palm models use PRelu after most convolutions. ONNX
//! Runtime's CPU PRelu goes through its generic broadcasting path and cannot stay in the
//! blocked (NCHWc) layout the convolutions use, so each one also costs two layout reorders: in
//! the palm detector, PRelu took as long as all 63 convolutions together.
//!
//! With a per-channel slope `s`, `PRelu(x) = s·x + (1 − s)·Relu(x)`, and both products are 1x1
//! depthwise convolutions, which ONNX Runtime runs in the blocked layout and fuses with the
//! `Add`. The result is the same up to float rounding (a test compares every output); the palm
//! detector goes from 15.7 to 8.4 ms. A slope that is not a per-channel constant leaves its
//! node as it is.

use std::collections::{HashMap, HashSet};

use super::wire::{self, Value, put_bytes};
use super::{
    Attr, GRAPH_INITIALIZER, GRAPH_INPUT, GRAPH_NODE, Node, VALUE_INFO_NAME, float_tensor, node,
    node_bytes, tensor, tensor_name, text,
};

/// The graph with its per-channel PRelu nodes rewritten, or `None` when it has none.
pub(super) fn rewrite(graph: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let fields = wire::parse(graph)?;
    let mut nodes = Vec::new();
    let mut graph_inputs = HashSet::new();
    for f in &fields {
        match (f.number, f.value) {
            (GRAPH_NODE, Value::Bytes(b)) => nodes.push(node(b)?),
            (GRAPH_INPUT, Value::Bytes(b)) => {
                for g in wire::parse(b)? {
                    if let (VALUE_INFO_NAME, Value::Bytes(name)) = (g.number, g.value) {
                        graph_inputs.insert(text(name)?);
                    }
                }
            }
            _ => {}
        }
    }
    let wanted: HashSet<&str> = nodes.iter().filter_map(slope_of).collect();
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut slopes: HashMap<&str, Vec<f32>> = HashMap::new();
    for f in &fields {
        if let (GRAPH_INITIALIZER, Value::Bytes(b)) = (f.number, f.value)
            && let Some(t) = float_tensor(b)?
            && wanted.contains(t.name)
            && per_channel(&t.dims, t.values.len())
        {
            slopes.insert(t.name, t.values);
        }
    }
    // A slope initializer can go once every node that reads it is rewritten.
    let mut other_uses: HashSet<&str> = graph_inputs;
    for n in &nodes {
        let rewritten = slope_of(n).is_some_and(|s| slopes.contains_key(s));
        for (k, input) in n.inputs.iter().enumerate() {
            if !(rewritten && k == 1) {
                other_uses.insert(input);
            }
        }
    }
    let mut out = Vec::with_capacity(graph.len() + graph.len() / 8);
    let mut added = Vec::new();
    let mut count = 0;
    let mut i = 0;
    for f in &fields {
        match (f.number, f.value) {
            (GRAPH_NODE, Value::Bytes(_)) => {
                let n = &nodes[i];
                i += 1;
                match slope_of(n).and_then(|name| slopes.get(name)) {
                    Some(s) => {
                        replace(&mut out, &mut added, count, (n.inputs[0], n.outputs[0]), s);
                        count += 1;
                    }
                    None => out.extend_from_slice(f.raw),
                }
            }
            (GRAPH_INITIALIZER, Value::Bytes(b)) => {
                let name = tensor_name(b)?;
                if !slopes.contains_key(name) || other_uses.contains(name) {
                    out.extend_from_slice(f.raw);
                }
            }
            _ => out.extend_from_slice(f.raw),
        }
    }
    if count == 0 {
        return Ok(None);
    }
    for t in added {
        put_bytes(&mut out, GRAPH_INITIALIZER, &t);
    }
    Ok(Some(out))
}

/// The slope's name when `n` is a PRelu node.
pub(super) fn slope_of<'a>(n: &Node<'a>) -> Option<&'a str> {
    let prelu = n.op_type == "PRelu"
        && (n.domain.is_empty() || n.domain == "ai.onnx")
        && n.outputs.len() == 1;
    match n.inputs.as_slice() {
        [_, slope] if prelu => Some(slope),
        _ => None,
    }
}

/// A slope of shape `[C,1,1]` or `[1,C,1,1]`, C > 1, with C values.
fn per_channel(dims: &[u64], len: usize) -> bool {
    match dims {
        [c, 1, 1] | [1, c, 1, 1] => *c > 1 && usize::try_from(*c).is_ok_and(|c| c == len),
        _ => false,
    }
}

/// `y = Conv_dw(x, s) + Conv_dw(Relu(x), 1 − s)`, in place of `y = PRelu(x, s)`; the `k`th
/// rewrite names its nodes and kernels `lantern_prelu_{k}_*`.
fn replace(
    out: &mut Vec<u8>,
    added: &mut Vec<Vec<u8>>,
    k: usize,
    (input, output): (&str, &str),
    slope: &[f32],
) {
    let prefix = format!("lantern_prelu_{k}");
    let relu = format!("{prefix}_relu");
    let (neg, pos) = (format!("{prefix}_neg"), format!("{prefix}_pos"));
    let (w_relu, w_x) = (format!("{prefix}_w_relu"), format!("{prefix}_w_x"));
    let dims = [slope.len() as u64, 1, 1, 1];
    let raw = |w: &mut dyn Iterator<Item = f32>| w.flat_map(f32::to_le_bytes).collect::<Vec<u8>>();
    added.push(tensor(
        &w_relu,
        &dims,
        super::FLOAT,
        &raw(&mut slope.iter().map(|v| 1.0 - v)),
    ));
    added.push(tensor(
        &w_x,
        &dims,
        super::FLOAT,
        &raw(&mut slope.iter().copied()),
    ));
    let dw = [
        ("group", Attr::Int(slope.len() as u64)),
        ("kernel_shape", Attr::Ints(&[1, 1])),
    ];
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(&relu, "Relu", &[input], &[&relu], &[]),
    );
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(&neg, "Conv", &[&relu, &w_relu], &[&neg], &dw),
    );
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(&pos, "Conv", &[input, &w_x], &[&pos], &dw),
    );
    let add = format!("{prefix}_add");
    put_bytes(
        out,
        GRAPH_NODE,
        &node_bytes(&add, "Add", &[&neg, &pos], &[output], &[]),
    );
}
