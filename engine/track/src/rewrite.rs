//! Load-time rewrites of the models into forms ONNX Runtime's CPU provider runs fast.
//!
//! - [`prelu`]: PRelu nodes become two 1x1 depthwise convolutions (exact; the face mesh, iris
//!   and palm models run 1.6–1.9x faster).
//! - [`quantize`]: a model with a table in `engine/track/quant/` gets int8 convolutions (the
//!   hand landmark model: 8.7 → 4.8 ms, its landmarks within about half a crop pixel).
//!
//! Both work on ONNX's own messages ([`crate::onnx::pb`], prost types from `onnx.proto`), on a
//! model read from an `.onnx` file or converted from a `.tflite` one ([`crate::tflite`]), and
//! touch only the graph's nodes and initializers. A model they do not understand is loaded as
//! it is (only slower), and the sha256 of the file is checked before any of this.

use std::collections::HashMap;
use std::sync::OnceLock;

use prost::Message as _;

use crate::onnx::pb;

mod prelu;
mod quantize;

/// The quantization tables, by model source file (the table's tensor names are that file's).
const TABLES: [(&str, &str); 2] = [
    (
        "mp_hand_landmark_full.onnx",
        include_str!("../quant/mp_hand_landmark_full.json"),
    ),
    (
        "hand_landmark_full.tflite",
        include_str!("../quant/hand_landmark_full.tflite.json"),
    ),
];

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

/// The `.onnx` model `source` (its bytes) rewritten, or `None` when nothing applies.
pub(crate) fn rewrite(
    source: &str,
    model: &[u8],
    with: Rewrites,
) -> Result<Option<Vec<u8>>, String> {
    if with == Rewrites::NONE {
        return Ok(None);
    }
    let mut m = pb::ModelProto::decode(model).map_err(|e| format!("not an ONNX model: {e}"))?;
    Ok(rewrite_model(source, &mut m, with)?.then(|| m.encode_to_vec()))
}

/// Rewrites `model` (read from the file `source`) in place; whether anything changed.
pub(crate) fn rewrite_model(
    source: &str,
    model: &mut pb::ModelProto,
    with: Rewrites,
) -> Result<bool, String> {
    let Some(graph) = model.graph.as_mut() else {
        return Err("the model has no graph".to_owned());
    };
    let mut changed = false;
    if with.prelu {
        changed |= prelu::rewrite(graph);
    }
    if with.int8
        && let Some(table) = table(source)?
    {
        changed |= quantize::quantize_graph(graph, table);
    }
    Ok(changed)
}

fn table(source: &str) -> Result<Option<&'static quantize::Ranges>, String> {
    static PARSED: OnceLock<HashMap<&'static str, Result<quantize::Ranges, String>>> =
        OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        TABLES
            .iter()
            .map(|(f, json)| {
                (
                    *f,
                    serde_json::from_str(json).map_err(|e| format!("quant table of {f}: {e}")),
                )
            })
            .collect()
    });
    match parsed.get(source) {
        Some(Ok(t)) if t.model != source => Err(format!(
            "the quant table listed for {source} is for {}",
            t.model
        )),
        Some(Ok(t)) => Ok(Some(t)),
        Some(Err(e)) => Err(e.clone()),
        None => Ok(None),
    }
}

/// The name of every float initializer with its values.
fn float_inits(graph: &pb::GraphProto) -> HashMap<&str, (&[i64], Vec<f32>)> {
    graph
        .initializer
        .iter()
        .filter_map(|t| crate::onnx::float_values(t).map(|v| (t.name(), (t.dims.as_slice(), v))))
        .collect()
}

#[cfg(test)]
mod tests;
