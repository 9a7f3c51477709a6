//! The ONNX graph being built from one TensorFlow Lite subgraph: its tensors' names in each
//! layout, the constants, and the nodes written so far.

use std::collections::{HashMap, HashSet};

use super::{TfliteError, fb};
use crate::onnx::{self, Attr, pb};

/// Where a 4-D activation's axes are: as TensorFlow Lite has them (NHWC, and any tensor of
/// another rank), or moved to NCHW for ONNX's convolutions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    Plain = 0,
    Nchw = 1,
}

const TO_NCHW: [i64; 4] = [0, 3, 1, 2];
const TO_NHWC: [i64; 4] = [0, 2, 3, 1];

/// One TensorFlow Lite tensor.
pub(super) struct Tensor<'a> {
    pub name: String,
    pub shape: Vec<i64>,
    pub kind: fb::TensorType,
    /// The bytes of a constant.
    pub data: Option<&'a [u8]>,
    /// How a sparse constant's bytes are laid out (only its non-zero values are stored; a
    /// `DENSIFY` op makes it dense, see [`super::sparse`]).
    pub sparsity: Option<fb::SparsityParameters<'a>>,
}

/// A float constant: a weight, a bias, a dequantized float16 table.
#[derive(Clone, Debug)]
pub(super) struct Const {
    pub dims: Vec<i64>,
    pub values: Vec<f32>,
}

pub(super) struct Graph<'a> {
    pub tensors: Vec<Tensor<'a>>,
    /// Float constants by tensor (stored ones and dequantized ones).
    consts: HashMap<usize, Const>,
    /// Each tensor's ONNX name in each layout, once made.
    names: Vec<[Option<String>; 2]>,
    inputs: Vec<usize>,
    outputs: Vec<usize>,
    output_set: HashSet<usize>,
    nodes: Vec<pb::NodeProto>,
    inits: Vec<pb::TensorProto>,
    count: usize,
}

impl<'a> Graph<'a> {
    pub fn new(model: &fb::Model<'a>, sub: &fb::SubGraph<'a>) -> Result<Self, TfliteError> {
        let buffers = model.buffers().ok_or(TfliteError::Missing("buffers"))?;
        let list = sub.tensors().ok_or(TfliteError::Missing("tensors"))?;
        let mut seen = HashSet::new();
        let mut tensors = Vec::with_capacity(list.len());
        for (i, t) in list.iter().enumerate() {
            let mut name = t.name().unwrap_or("").to_owned();
            if name.is_empty() || !seen.insert(name.clone()) {
                name = format!("{name}__t{i}");
            }
            let b = t.buffer() as usize;
            let data = (b < buffers.len())
                .then(|| buffers.get(b))
                .and_then(|b| b.data())
                .map(|d| d.bytes())
                .filter(|d| !d.is_empty());
            tensors.push(Tensor {
                name,
                shape: t
                    .shape()
                    .map(|s| s.iter().map(i64::from).collect())
                    .unwrap_or_default(),
                kind: t.type_(),
                data,
                sparsity: t.sparsity(),
            });
        }
        let index = |v: Option<flatbuffers::Vector<'_, i32>>| -> Vec<usize> {
            v.map(|v| v.iter().filter_map(|i| usize::try_from(i).ok()).collect())
                .unwrap_or_default()
        };
        let (inputs, outputs) = (index(sub.inputs()), index(sub.outputs()));
        let mut g = Self {
            consts: HashMap::new(),
            names: vec![[None, None]; tensors.len()],
            output_set: outputs.iter().copied().collect(),
            tensors,
            inputs,
            outputs,
            nodes: Vec::new(),
            inits: Vec::new(),
            count: 0,
        };
        for i in 0..g.tensors.len() {
            if g.tensors[i].kind == fb::TensorType::FLOAT32
                && g.tensors[i].sparsity.is_none()
                && let Some(data) = g.tensors[i].data
            {
                let values = le_f32(data);
                g.set_const(i, values)?;
            }
        }
        for i in g.inputs.clone() {
            g.names[i][Layout::Plain as usize] = Some(g.tensors[i].name.clone());
        }
        Ok(g)
    }

    /// Records a float constant for tensor `t` (its values in TensorFlow Lite's order).
    pub fn set_const(&mut self, t: usize, values: Vec<f32>) -> Result<(), TfliteError> {
        let dims = self.tensors[t].shape.clone();
        let n: i64 = dims.iter().product();
        if usize::try_from(n).ok() != Some(values.len()) {
            return Err(self.tensor_error(t, format!("{} values for shape {dims:?}", values.len())));
        }
        self.consts.insert(t, Const { dims, values });
        Ok(())
    }

    pub fn constant(&self, t: usize) -> Option<&Const> {
        self.consts.get(&t)
    }

    pub fn tensor_error(&self, t: usize, detail: String) -> TfliteError {
        TfliteError::Tensor {
            index: t,
            name: self
                .tensors
                .get(t)
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            detail,
        }
    }

    /// Whether tensor `t` already exists in `layout`.
    pub fn has(&self, t: usize, layout: Layout) -> bool {
        self.names[t][layout as usize].is_some()
    }

    /// The ONNX name of tensor `t` in `layout`, transposing a 4-D activation that exists only
    /// in the other layout.
    pub fn value(&mut self, t: usize, layout: Layout) -> Result<String, String> {
        if let Some(n) = &self.names[t][layout as usize] {
            return Ok(n.clone());
        }
        let other = match layout {
            Layout::Plain => Layout::Nchw,
            Layout::Nchw => Layout::Plain,
        };
        let Some(from) = self.names[t][other as usize].clone() else {
            return Err(format!(
                "tensor `{}` is read before it is made",
                self.tensors[t].name
            ));
        };
        if self.tensors[t].shape.len() != 4 {
            return Err(format!("tensor `{}` is not 4-D", self.tensors[t].name));
        }
        let base = &self.tensors[t].name;
        let (name, perm) = match layout {
            Layout::Nchw => (format!("{base}__nchw"), TO_NCHW),
            Layout::Plain if self.output_set.contains(&t) => (base.clone(), TO_NHWC),
            Layout::Plain => (format!("{base}__nhwc"), TO_NHWC),
        };
        self.add(
            &name,
            "Transpose",
            &[&from],
            &[&name],
            &[("perm", Attr::Ints(&perm))],
        );
        self.names[t][layout as usize] = Some(name.clone());
        Ok(name)
    }

    /// The name an op gives its output `t` made in `layout`.
    pub fn define(&mut self, t: usize, layout: Layout) -> String {
        let base = &self.tensors[t].name;
        let name = if layout == Layout::Nchw && self.output_set.contains(&t) {
            format!("{base}__nchw")
        } else {
            base.clone()
        };
        self.names[t][layout as usize] = Some(name.clone());
        name
    }

    /// A fresh name derived from `base`.
    pub fn temp(&mut self, base: &str, what: &str) -> String {
        self.count += 1;
        format!("{base}__{what}{}", self.count)
    }

    pub fn add(
        &mut self,
        name: &str,
        op: &str,
        inputs: &[&str],
        outputs: &[&str],
        attrs: &[(&str, Attr<'_>)],
    ) {
        self.nodes
            .push(onnx::node(name, op, inputs, outputs, attrs));
    }

    /// A float initializer; returns its name.
    pub fn init_f32(&mut self, name: String, dims: &[i64], values: &[f32]) -> String {
        self.inits.push(onnx::floats(&name, dims, values));
        name
    }

    /// An int64 initializer; returns its name.
    pub fn init_i64(&mut self, name: String, values: &[i64]) -> String {
        self.inits
            .push(onnx::int64s(&name, &[values.len() as i64], values));
        name
    }

    /// The ONNX model: every graph output in TensorFlow Lite's layout, under its own name.
    pub fn finish(mut self) -> Result<pb::ModelProto, TfliteError> {
        let mut outputs = Vec::new();
        for t in self.outputs.clone() {
            let name = self
                .value(t, Layout::Plain)
                .map_err(|e| self.tensor_error(t, e))?;
            outputs.push(onnx::float_value_info(&name, &self.tensors[t].shape));
        }
        let inputs = self
            .inputs
            .iter()
            .map(|&t| onnx::float_value_info(&self.tensors[t].name, &self.tensors[t].shape))
            .collect();
        let graph = pb::GraphProto {
            node: self.nodes,
            name: Some("tflite".to_owned()),
            initializer: self.inits,
            input: inputs,
            output: outputs,
            ..pb::GraphProto::default()
        };
        Ok(pb::ModelProto {
            ir_version: Some(8),
            producer_name: Some("lantern-track tflite".to_owned()),
            opset_import: vec![pb::OperatorSetIdProto {
                domain: Some(String::new()),
                version: Some(super::OPSET),
            }],
            graph: Some(graph),
            ..pb::ModelProto::default()
        })
    }
}

/// Little-endian float32s.
pub(super) fn le_f32(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// Little-endian IEEE float16s, widened (exactly) to float32.
pub(super) fn le_f16(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(2)
        .map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])))
        .collect()
}

fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1f);
    let frac = u32::from(h & 0x3ff);
    let bits = match (exp, frac) {
        (0, 0) => sign,
        // Subnormal: value = frac · 2^-24.
        (0, f) => {
            let v = f as f32 * 2.0_f32.powi(-24);
            return if sign == 0 { v } else { -v };
        }
        (0x1f, 0) => sign | 0x7f80_0000,
        (0x1f, f) => sign | 0x7f80_0000 | (f << 13),
        (e, f) => sign | ((e + 127 - 15) << 23) | (f << 13),
    };
    f32::from_bits(bits)
}

/// Little-endian int32s.
pub(super) fn le_i32(b: &[u8]) -> Vec<i32> {
    b.chunks_exact(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float16_widens_exactly() {
        for (h, f) in [
            (0x3c00_u16, 1.0_f32),
            (0xc000, -2.0),
            (0x3555, 0.333_251_95),
            (0x0001, 5.960_464_5e-8),
            (0x8001, -5.960_464_5e-8),
            (0x7bff, 65504.0),
            (0x0000, 0.0),
        ] {
            assert_eq!(f16_to_f32(h).to_bits(), f.to_bits(), "{h:#06x}");
        }
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert!(f16_to_f32(0x7e00).is_nan());
    }
}
