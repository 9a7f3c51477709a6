//! TensorFlow Lite operators as ONNX nodes: the element-wise and shape operators here, the
//! convolutions, pools and dense layers in [`conv`].

use super::fb::{self, BuiltinOperator as B};
use super::graph::{Graph, Layout, le_f16, le_i32};
use crate::onnx::Attr;

use super::conv;

/// An operator's tensors: inputs (`None` for an optional input left out) and outputs.
pub(super) struct Io {
    pub ins: Vec<Option<usize>>,
    pub outs: Vec<usize>,
}

impl Io {
    pub fn input(&self, k: usize) -> Result<usize, String> {
        self.ins
            .get(k)
            .copied()
            .flatten()
            .ok_or_else(|| format!("input {k} is missing"))
    }

    pub fn output(&self) -> Result<usize, String> {
        self.outs
            .first()
            .copied()
            .ok_or_else(|| "it has no output".to_owned())
    }
}

/// The operator's tensor indices, checked against the graph's tensors.
fn io_of(g: &Graph<'_>, op: &fb::Operator<'_>) -> Result<Io, String> {
    let list = |v: Option<flatbuffers::Vector<'_, i32>>| {
        v.map(|v| {
            v.iter()
                .map(|i| usize::try_from(i).ok())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    let io = Io {
        ins: list(op.inputs()),
        outs: list(op.outputs()).into_iter().flatten().collect(),
    };
    if let Some(&bad) = io
        .ins
        .iter()
        .flatten()
        .chain(&io.outs)
        .find(|&&t| t >= g.tensors.len())
    {
        return Err(format!("tensor index {bad} is out of range"));
    }
    Ok(io)
}

/// ReLU6 as a clipped identity.
fn relu6(g: &mut Graph<'_>, io: &Io) -> Result<(), String> {
    let x = io.input(0)?;
    let layout = same_layout(g, x);
    let x = g.value(x, layout)?;
    activate(
        g,
        fb::ActivationFunctionType::RELU6,
        io.output()?,
        layout,
        |g, out| {
            g.add(out, "Identity", &[&x], &[out], &[]);
        },
    )
}

/// Writes the ONNX nodes of one operator.
pub(super) fn convert(
    g: &mut Graph<'_>,
    op: &fb::Operator<'_>,
    code: B,
    name: &str,
) -> Result<(), String> {
    let io = io_of(g, op)?;
    let act = |a: Option<fb::ActivationFunctionType>| a.unwrap_or(fb::ActivationFunctionType::NONE);
    match code {
        B::CONV_2D => conv::conv(
            g,
            &io,
            op.builtin_options_as_conv_2_doptions()
                .map(conv::Params::conv),
        ),
        B::DEPTHWISE_CONV_2D => conv::conv(
            g,
            &io,
            op.builtin_options_as_depthwise_conv_2_doptions()
                .map(conv::Params::depthwise),
        ),
        B::MAX_POOL_2D => conv::pool(g, &io, "MaxPool", op.builtin_options_as_pool_2_doptions()),
        B::AVERAGE_POOL_2D => conv::pool(
            g,
            &io,
            "AveragePool",
            op.builtin_options_as_pool_2_doptions(),
        ),
        B::FULLY_CONNECTED => conv::dense(
            g,
            &io,
            act(op
                .builtin_options_as_fully_connected_options()
                .map(|o| o.fused_activation_function())),
        ),
        B::CUSTOM if name == "CUSTOM:Convolution2DTransposeBias" => {
            conv::transpose_bias(g, &io, op.custom_options().map(|o| o.bytes()))
        }
        B::ADD => binary(
            g,
            &io,
            "Add",
            act(op
                .builtin_options_as_add_options()
                .map(|o| o.fused_activation_function())),
        ),
        B::MUL => binary(
            g,
            &io,
            "Mul",
            act(op
                .builtin_options_as_mul_options()
                .map(|o| o.fused_activation_function())),
        ),
        B::RELU => unary(g, &io, "Relu"),
        B::RELU6 => relu6(g, &io),
        B::LOGISTIC => unary(g, &io, "Sigmoid"),
        B::TANH => unary(g, &io, "Tanh"),
        B::HARD_SWISH => unary(g, &io, "HardSwish"),
        B::PRELU => prelu(g, &io),
        B::PAD => pad(g, &io),
        B::RESHAPE => reshape(g, &io),
        B::CONCATENATION => {
            let o = op.builtin_options_as_concatenation_options();
            let axis = o.map_or(0, |o| o.axis());
            concat(g, &io, axis, act(o.map(|o| o.fused_activation_function())))
        }
        B::RESIZE_BILINEAR => {
            let o = op.builtin_options_as_resize_bilinear_options();
            let mode = match o {
                Some(o) if o.align_corners() => "align_corners",
                Some(o) if o.half_pixel_centers() => "half_pixel",
                _ => "asymmetric",
            };
            resize(g, &io, mode)
        }
        B::MEAN => {
            let keep = op
                .builtin_options_as_reducer_options()
                .is_some_and(|o| o.keep_dims());
            mean(g, &io, keep)
        }
        B::DEQUANTIZE => dequantize(g, &io),
        B::DENSIFY => super::sparse::densify_op(g, &io),
        B::DEPTH_TO_SPACE => depth_to_space(
            g,
            &io,
            op.builtin_options_as_depth_to_space_options()
                .map_or(0, |o| o.block_size()),
        ),
        _ => Err(
            "this operator is not supported (Lantern converts the ops of MediaPipe's \
                  face, iris, hand and selfie models)"
                .to_owned(),
        ),
    }
}

/// The layout an element-wise op keeps: NCHW when its input already is.
fn same_layout(g: &Graph<'_>, t: usize) -> Layout {
    if g.has(t, Layout::Nchw) {
        Layout::Nchw
    } else {
        Layout::Plain
    }
}

/// Writes a node (through `make`, given its output's name) whose output, after the fused
/// activation `act`, is tensor `out` in `layout`.
pub(super) fn activate(
    g: &mut Graph<'_>,
    act: fb::ActivationFunctionType,
    out: usize,
    layout: Layout,
    make: impl FnOnce(&mut Graph<'_>, &str),
) -> Result<(), String> {
    type A = fb::ActivationFunctionType;
    let name = g.define(out, layout);
    if act == A::NONE {
        make(g, &name);
        return Ok(());
    }
    let pre = g.temp(&name, "pre");
    make(g, &pre);
    let clip = |g: &mut Graph<'_>, lo: f32, hi: f32| {
        let (lo_name, hi_name) = (g.temp(&name, "min"), g.temp(&name, "max"));
        let lo = g.init_f32(lo_name, &[], &[lo]);
        let hi = g.init_f32(hi_name, &[], &[hi]);
        g.add(&name, "Clip", &[&pre, &lo, &hi], &[&name], &[]);
    };
    match act {
        A::RELU => g.add(&name, "Relu", &[&pre], &[&name], &[]),
        A::RELU6 => clip(g, 0.0, 6.0),
        A::RELU_N1_TO_1 => clip(g, -1.0, 1.0),
        A::TANH => g.add(&name, "Tanh", &[&pre], &[&name], &[]),
        other => return Err(format!("fused activation {other:?} is not supported")),
    }
    Ok(())
}

fn unary(g: &mut Graph<'_>, io: &Io, op: &str) -> Result<(), String> {
    let x = io.input(0)?;
    let layout = same_layout(g, x);
    let x = g.value(x, layout)?;
    let out = g.define(io.output()?, layout);
    g.add(&out, op, &[&x], &[&out], &[]);
    Ok(())
}

/// `Add` or `Mul`, with constants shaped to broadcast in the layout chosen.
fn binary(
    g: &mut Graph<'_>,
    io: &Io,
    op: &str,
    act: fb::ActivationFunctionType,
) -> Result<(), String> {
    let (a, b, out) = (io.input(0)?, io.input(1)?, io.output()?);
    let variable: Vec<usize> = [a, b]
        .into_iter()
        .filter(|&t| g.constant(t).is_none())
        .collect();
    let nchw = g.tensors[out].shape.len() == 4
        && !variable.is_empty()
        && variable.iter().all(|&t| g.tensors[t].shape.len() == 4);
    let layout = if nchw { Layout::Nchw } else { Layout::Plain };
    let (a, b) = (operand(g, a, layout)?, operand(g, b, layout)?);
    activate(g, act, out, layout, |g, name| {
        g.add(name, op, &[&a, &b], &[name], &[]);
    })
}

/// An element-wise operand in `layout`: a constant becomes an initializer that broadcasts the
/// same way there (a per-channel vector as `[C,1,1]` in NCHW).
fn operand(g: &mut Graph<'_>, t: usize, layout: Layout) -> Result<String, String> {
    let Some(c) = g.constant(t).cloned() else {
        return g.value(t, layout);
    };
    let name = g.temp(&g.tensors[t].name.clone(), "c");
    if layout == Layout::Plain {
        return Ok(g.init_f32(name, &c.dims, &c.values));
    }
    let n = c.values.len() as i64;
    match c.dims.as_slice() {
        [_, _, _, _] => {
            let (values, dims) = conv::permute(&c, [0, 3, 1, 2])?;
            Ok(g.init_f32(name, &dims, &values))
        }
        [] => Ok(g.init_f32(name, &[], &c.values)),
        dims if dims.last() == Some(&n) => Ok(g.init_f32(name, &[n, 1, 1], &c.values)),
        dims => Err(format!(
            "a constant of shape {dims:?} beside an NHWC tensor"
        )),
    }
}

fn prelu(g: &mut Graph<'_>, io: &Io) -> Result<(), String> {
    let (x, slope, out) = (io.input(0)?, io.input(1)?, io.output()?);
    let rank = g.tensors[x].shape.len();
    let layout = if rank == 4 {
        Layout::Nchw
    } else {
        Layout::Plain
    };
    let x = g.value(x, layout)?;
    let slope = operand(g, slope, layout)?;
    let out = g.define(out, layout);
    g.add(&out, "PRelu", &[&x, &slope], &[&out], &[]);
    Ok(())
}

/// The int32 values of a constant tensor (shapes, paddings, axes).
fn ints(g: &Graph<'_>, t: usize) -> Result<Vec<i64>, String> {
    let tensor = &g.tensors[t];
    match (tensor.kind, tensor.data) {
        (fb::TensorType::INT32, Some(d)) => Ok(le_i32(d).into_iter().map(i64::from).collect()),
        _ => Err(format!("`{}` is not a constant int32 tensor", tensor.name)),
    }
}

/// Where NHWC axis `a` is in NCHW.
fn nchw_axis(a: i64) -> i64 {
    [0, 2, 3, 1][(a.rem_euclid(4)) as usize]
}

fn pad(g: &mut Graph<'_>, io: &Io) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    let p = ints(g, io.input(1)?)?;
    let rank = g.tensors[x].shape.len();
    if p.len() != 2 * rank {
        return Err(format!("{} paddings for a rank-{rank} tensor", p.len()));
    }
    let layout = if rank == 4 {
        Layout::Nchw
    } else {
        Layout::Plain
    };
    let order: Vec<usize> = if rank == 4 {
        vec![0, 3, 1, 2]
    } else {
        (0..rank).collect()
    };
    let pads: Vec<i64> = (0..2)
        .flat_map(|side| order.iter().map(move |&a| (a, side)))
        .map(|(a, side)| p[2 * a + side])
        .collect();
    let x = g.value(x, layout)?;
    let pads_name = g.temp(&x, "pads");
    let pads = g.init_i64(pads_name, &pads);
    let out = g.define(out, layout);
    g.add(&out, "Pad", &[&x, &pads], &[&out], &[]);
    Ok(())
}

fn reshape(g: &mut Graph<'_>, io: &Io) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    let x = g.value(x, Layout::Plain)?;
    let shape = g.tensors[out].shape.clone();
    let shape_name = g.temp(&x, "shape");
    let shape = g.init_i64(shape_name, &shape);
    let out = g.define(out, Layout::Plain);
    g.add(&out, "Reshape", &[&x, &shape], &[&out], &[]);
    Ok(())
}

fn concat(
    g: &mut Graph<'_>,
    io: &Io,
    axis: i32,
    act: fb::ActivationFunctionType,
) -> Result<(), String> {
    let ins: Vec<usize> = io.ins.iter().flatten().copied().collect();
    let out = io.output()?;
    let rank = g.tensors[out].shape.len() as i64;
    let axis = i64::from(axis).rem_euclid(rank.max(1));
    let nchw = rank == 4 && ins.iter().all(|&t| g.has(t, Layout::Nchw));
    let (layout, axis) = if nchw {
        (Layout::Nchw, nchw_axis(axis))
    } else {
        (Layout::Plain, axis)
    };
    let names = ins
        .iter()
        .map(|&t| g.value(t, layout))
        .collect::<Result<Vec<_>, _>>()?;
    activate(g, act, out, layout, |g, name| {
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        g.add(name, "Concat", &refs, &[name], &[("axis", Attr::Int(axis))]);
    })
}

fn resize(g: &mut Graph<'_>, io: &Io, mode: &str) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    let shape = g.tensors[out].shape.clone();
    let [batch, height, width, channels] = shape.as_slice() else {
        return Err(format!("output shape {shape:?} is not NHWC"));
    };
    let sizes = [*batch, *channels, *height, *width];
    let x = g.value(x, Layout::Nchw)?;
    let sizes_name = g.temp(&x, "sizes");
    let sizes = g.init_i64(sizes_name, &sizes);
    let out = g.define(out, Layout::Nchw);
    let attrs = [
        ("mode", Attr::Text("linear")),
        ("coordinate_transformation_mode", Attr::Text(mode)),
    ];
    g.add(&out, "Resize", &[&x, "", "", &sizes], &[&out], &attrs);
    Ok(())
}

fn mean(g: &mut Graph<'_>, io: &Io, keep: bool) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    let mut axes = ints(g, io.input(1)?)?;
    let rank = g.tensors[x].shape.len();
    // NCHW in; the output stays NCHW when it keeps its rank, and is the same as NHWC's when
    // only H and W go.
    let spatial = {
        let mut a: Vec<i64> = axes.iter().map(|a| a.rem_euclid(4)).collect();
        a.sort_unstable();
        a == [1, 2]
    };
    let (input, output) = match (rank, keep) {
        (4, true) => (Layout::Nchw, Layout::Nchw),
        (4, false) if spatial => (Layout::Nchw, Layout::Plain),
        _ => (Layout::Plain, Layout::Plain),
    };
    if input == Layout::Nchw {
        axes = axes.iter().map(|&a| nchw_axis(a)).collect();
    }
    let x = g.value(x, input)?;
    let out = g.define(out, output);
    let attrs = [
        ("axes", Attr::Ints(&axes)),
        ("keepdims", Attr::Int(i64::from(keep))),
    ];
    g.add(&out, "ReduceMean", &[&x], &[&out], &attrs);
    Ok(())
}

/// A float16 constant widened to float32: a constant of the graph, no node. (A densified
/// constant is already widened.)
fn dequantize(g: &mut Graph<'_>, io: &Io) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    if let Some(c) = g.constant(x) {
        let values = c.values.clone();
        return g.set_const(out, values).map_err(|e| e.to_string());
    }
    let t = &g.tensors[x];
    let values = match (t.kind, t.data) {
        (fb::TensorType::FLOAT16, Some(d)) if t.sparsity.is_none() => le_f16(d),
        _ => return Err(format!("`{}` is not a constant float16 tensor", t.name)),
    };
    g.set_const(out, values).map_err(|e| e.to_string())
}

/// Channels moved into `block`x`block` squares: TensorFlow's order is ONNX's `DCR` mode.
fn depth_to_space(g: &mut Graph<'_>, io: &Io, block: i32) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    if block < 1 || g.tensors[x].shape.len() != 4 {
        return Err(format!("block size {block} on a non-4-D or empty input"));
    }
    let x = g.value(x, Layout::Nchw)?;
    let out = g.define(out, Layout::Nchw);
    let attrs = [
        ("blocksize", Attr::Int(i64::from(block))),
        ("mode", Attr::Text("DCR")),
    ];
    g.add(&out, "DepthToSpace", &[&x], &[&out], &attrs);
    Ok(())
}
