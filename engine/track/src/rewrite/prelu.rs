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

use crate::onnx::{self, Attr, pb};

/// Rewrites the graph's per-channel PRelu nodes; whether there were any.
pub(super) fn rewrite(graph: &mut pb::GraphProto) -> bool {
    let wanted: HashSet<&str> = graph.node.iter().filter_map(slope_of).collect();
    if wanted.is_empty() {
        return false;
    }
    let slopes: HashMap<String, Vec<f32>> = super::float_inits(graph)
        .into_iter()
        .filter(|(name, (dims, values))| wanted.contains(name) && per_channel(dims, values.len()))
        .map(|(name, (_, values))| (name.to_owned(), values))
        .collect();
    if slopes.is_empty() {
        return false;
    }
    // A slope initializer can go once every node that reads it is rewritten.
    let mut other_uses: HashSet<String> = graph.input.iter().map(|i| i.name().to_owned()).collect();
    for n in &graph.node {
        let rewritten = slope_of(n).is_some_and(|s| slopes.contains_key(s));
        for (k, input) in n.input.iter().enumerate() {
            if !(rewritten && k == 1) {
                other_uses.insert(input.clone());
            }
        }
    }
    let mut nodes = Vec::with_capacity(graph.node.len() + 3 * slopes.len());
    let mut added = Vec::new();
    for (k, n) in std::mem::take(&mut graph.node).into_iter().enumerate() {
        match slope_of(&n).and_then(|name| slopes.get(name)) {
            Some(s) => replace(&mut nodes, &mut added, k, (&n.input[0], &n.output[0]), s),
            None => nodes.push(n),
        }
    }
    graph.node = nodes;
    graph
        .initializer
        .retain(|t| !slopes.contains_key(t.name()) || other_uses.contains(t.name()));
    graph.initializer.extend(added);
    true
}

/// The slope's name when `n` is a PRelu node.
pub(super) fn slope_of(n: &pb::NodeProto) -> Option<&str> {
    let prelu = n.op_type() == "PRelu"
        && (n.domain().is_empty() || n.domain() == "ai.onnx")
        && n.output.len() == 1;
    match n.input.as_slice() {
        [_, slope] if prelu => Some(slope),
        _ => None,
    }
}

/// A slope of shape `[C,1,1]` or `[1,C,1,1]`, C > 1, with C values.
fn per_channel(dims: &[i64], len: usize) -> bool {
    match dims {
        [c, 1, 1] | [1, c, 1, 1] => *c > 1 && usize::try_from(*c).is_ok_and(|c| c == len),
        _ => false,
    }
}

/// `y = Conv_dw(x, s) + Conv_dw(Relu(x), 1 − s)`, in place of `y = PRelu(x, s)`; the rewrite
/// of node `k` names its nodes and kernels `lantern_prelu_{k}_*`.
fn replace(
    nodes: &mut Vec<pb::NodeProto>,
    added: &mut Vec<pb::TensorProto>,
    k: usize,
    (input, output): (&str, &str),
    slope: &[f32],
) {
    let prefix = format!("lantern_prelu_{k}");
    let relu = format!("{prefix}_relu");
    let (neg, pos) = (format!("{prefix}_neg"), format!("{prefix}_pos"));
    let (w_relu, w_x) = (format!("{prefix}_w_relu"), format!("{prefix}_w_x"));
    let dims = [slope.len() as i64, 1, 1, 1];
    let one_minus: Vec<f32> = slope.iter().map(|v| 1.0 - v).collect();
    added.push(onnx::floats(&w_relu, &dims, &one_minus));
    added.push(onnx::floats(&w_x, &dims, slope));
    let dw = [
        ("group", Attr::Int(slope.len() as i64)),
        ("kernel_shape", Attr::Ints(&[1, 1])),
    ];
    nodes.push(onnx::node(&relu, "Relu", &[input], &[&relu], &[]));
    nodes.push(onnx::node(&neg, "Conv", &[&relu, &w_relu], &[&neg], &dw));
    nodes.push(onnx::node(&pos, "Conv", &[input, &w_x], &[&pos], &dw));
    let add = format!("{prefix}_add");
    nodes.push(onnx::node(&add, "Add", &[&neg, &pos], &[output], &[]));
}
