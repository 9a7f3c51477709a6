//! Convolutions, pools, the dense layer and MediaPipe's transposed convolution.
//!
//! TensorFlow Lite keeps weights as `[O, KH, KW, I]` (depthwise: `[1, KH, KW, C·M]`) and pads
//! `SAME` with the odd pixel at the end; ONNX wants `[O, I, KH, KW]` (depthwise: `[C·M, 1, KH,
//! KW]` with `group = C`) and explicit pads, computed here from the static shapes.

use super::fb::{self, ActivationFunctionType as Act};
use super::graph::{Const, Graph, Layout};
use super::ops::{Io, activate};
use crate::onnx::Attr;

/// A convolution's options.
pub(crate) struct Params {
    padding: fb::Padding,
    stride: [i64; 2],
    dilation: [i64; 2],
    act: Act,
    depthwise: bool,
}

/// `Params` from Conv2DOptions or DepthwiseConv2DOptions (the same fields, two types).
macro_rules! params {
    ($o:expr, $depthwise:expr) => {
        Params::new(
            $o.padding(),
            [$o.stride_h(), $o.stride_w()],
            [$o.dilation_h_factor(), $o.dilation_w_factor()],
            $o.fused_activation_function(),
            $depthwise,
        )
    };
}

impl Params {
    pub fn conv(o: fb::Conv2DOptions<'_>) -> Self {
        params!(o, false)
    }

    pub fn depthwise(o: fb::DepthwiseConv2DOptions<'_>) -> Self {
        params!(o, true)
    }

    fn new(
        padding: fb::Padding,
        stride: [i32; 2],
        dilation: [i32; 2],
        act: Act,
        depthwise: bool,
    ) -> Self {
        Self {
            padding,
            stride: stride.map(i64::from),
            dilation: dilation.map(i64::from),
            act,
            depthwise,
        }
    }
}

/// `[begin, end]` padding of one axis for TensorFlow's `SAME` (the odd pixel at the end).
fn same_pads(input: i64, kernel: i64, stride: i64, dilation: i64) -> [i64; 2] {
    let stride = stride.max(1);
    let out = (input + stride - 1) / stride;
    let reach = (kernel - 1) * dilation.max(1) + 1;
    let total = ((out - 1) * stride + reach - input).max(0);
    [total / 2, total - total / 2]
}

/// ONNX `pads` (`[top, left, bottom, right]`) for an NHWC input of `shape`.
fn pads(
    padding: fb::Padding,
    shape: &[i64],
    kernel: [i64; 2],
    stride: [i64; 2],
    dilation: [i64; 2],
) -> [i64; 4] {
    if padding != fb::Padding::SAME || shape.len() != 4 {
        return [0; 4];
    }
    let [t, b] = same_pads(shape[1], kernel[0], stride[0], dilation[0]);
    let [l, r] = same_pads(shape[2], kernel[1], stride[1], dilation[1]);
    [t, l, b, r]
}

/// A 4-D constant's values with its axes permuted (`perm[i]` is the source axis of axis i).
pub(crate) fn permute(c: &Const, perm: [usize; 4]) -> Result<(Vec<f32>, Vec<i64>), String> {
    let d: Vec<usize> = c
        .dims
        .iter()
        .map(|&x| usize::try_from(x).map_err(|_| format!("dimension {x}")))
        .collect::<Result<_, _>>()?;
    if d.len() != 4 {
        return Err(format!("a weight of shape {:?} is not 4-D", c.dims));
    }
    let strides = [d[1] * d[2] * d[3], d[2] * d[3], d[3], 1];
    let nd = perm.map(|p| d[p]);
    let mut out = Vec::with_capacity(c.values.len());
    for i0 in 0..nd[0] {
        for i1 in 0..nd[1] {
            for i2 in 0..nd[2] {
                for i3 in 0..nd[3] {
                    let idx = [i0, i1, i2, i3];
                    let src: usize = (0..4).map(|k| idx[k] * strides[perm[k]]).sum();
                    out.push(c.values[src]);
                }
            }
        }
    }
    Ok((out, nd.iter().map(|&x| x as i64).collect()))
}

/// A constant input as an ONNX initializer, its axes permuted when `perm` is given.
fn weight(
    g: &mut Graph<'_>,
    t: usize,
    perm: Option<[usize; 4]>,
) -> Result<(String, Vec<i64>), String> {
    let c = g
        .constant(t)
        .cloned()
        .ok_or_else(|| format!("`{}` is not a constant", g.tensors[t].name))?;
    let (values, dims) = match perm {
        Some(p) => permute(&c, p)?,
        None => (c.values, c.dims),
    };
    let name = g.temp(&g.tensors[t].name.clone(), "w");
    Ok((g.init_f32(name, &dims, &values), dims))
}

pub(crate) fn conv(g: &mut Graph<'_>, io: &Io, p: Option<Params>) -> Result<(), String> {
    let p = p.ok_or("its options are missing")?;
    let (x, out) = (io.input(0)?, io.output()?);
    let shape = g.tensors[x].shape.clone();
    let perm = if p.depthwise {
        [3, 0, 1, 2]
    } else {
        [0, 3, 1, 2]
    };
    let (w, dims) = weight(g, io.input(1)?, Some(perm))?;
    let kernel = [dims[2], dims[3]];
    let mut inputs = vec![g.value(x, Layout::Nchw)?, w];
    if let Some(b) = io.ins.get(2).copied().flatten() {
        inputs.push(weight(g, b, None)?.0);
    }
    let group = if p.depthwise {
        shape.get(3).copied().unwrap_or(1)
    } else {
        1
    };
    let pads = pads(p.padding, &shape, kernel, p.stride, p.dilation);
    activate(g, p.act, out, Layout::Nchw, |g, name| {
        let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        let attrs = [
            ("kernel_shape", Attr::Ints(&kernel)),
            ("strides", Attr::Ints(&p.stride)),
            ("dilations", Attr::Ints(&p.dilation)),
            ("pads", Attr::Ints(&pads)),
            ("group", Attr::Int(group)),
        ];
        g.add(name, "Conv", &refs, &[name], &attrs);
    })
}

pub(crate) fn pool(
    g: &mut Graph<'_>,
    io: &Io,
    op: &str,
    o: Option<fb::Pool2DOptions<'_>>,
) -> Result<(), String> {
    let o = o.ok_or("its options are missing")?;
    let (x, out) = (io.input(0)?, io.output()?);
    let shape = g.tensors[x].shape.clone();
    let kernel = [i64::from(o.filter_height()), i64::from(o.filter_width())];
    let stride = [i64::from(o.stride_h()), i64::from(o.stride_w())];
    let pads = pads(o.padding(), &shape, kernel, stride, [1, 1]);
    let x = g.value(x, Layout::Nchw)?;
    // AveragePool's default `count_include_pad = 0` averages only real pixels, as TF does.
    activate(
        g,
        o.fused_activation_function(),
        out,
        Layout::Nchw,
        |g, name| {
            let attrs = [
                ("kernel_shape", Attr::Ints(&kernel)),
                ("strides", Attr::Ints(&stride)),
                ("pads", Attr::Ints(&pads)),
            ];
            g.add(name, op, &[&x], &[name], &attrs);
        },
    )
}

/// `FULLY_CONNECTED` as `Gemm` (weights `[O, I]`, so `transB = 1`).
pub(crate) fn dense(g: &mut Graph<'_>, io: &Io, act: Act) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    if g.tensors[out].shape.len() != 2 {
        return Err(format!(
            "output shape {:?} is not 2-D",
            g.tensors[out].shape
        ));
    }
    let (w, dims) = weight(g, io.input(1)?, None)?;
    let mut x = g.value(x, Layout::Plain)?;
    if g.tensors[io.input(0)?].shape.len() != 2 {
        let flat = g.temp(&x, "flat");
        let shape_name = g.temp(&x, "shape");
        let shape = g.init_i64(shape_name, &[-1, dims.get(1).copied().unwrap_or(1)]);
        g.add(&flat, "Reshape", &[&x, &shape], &[&flat], &[]);
        x = flat;
    }
    let mut inputs = vec![x, w];
    if let Some(b) = io.ins.get(2).copied().flatten() {
        inputs.push(weight(g, b, None)?.0);
    }
    activate(g, act, out, Layout::Plain, |g, name| {
        let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
        g.add(name, "Gemm", &refs, &[name], &[("transB", Attr::Int(1))]);
    })
}

/// MediaPipe's `Convolution2DTransposeBias` (weights `[O, KH, KW, I]`, a bias, and
/// `TfLiteTransposeConvParams {padding, stride_width, stride_height}` as its custom options)
/// as a standard `ConvTranspose`.
pub(crate) fn transpose_bias(
    g: &mut Graph<'_>,
    io: &Io,
    options: Option<&[u8]>,
) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    let word = |k: usize| {
        options
            .and_then(|o| o.get(4 * k..4 * k + 4))
            .map(|b| i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    // TfLitePadding: 1 same, 2 valid.
    let same = word(0) == Some(1);
    let stride = [word(2).unwrap_or(2), word(1).unwrap_or(2)];
    let (w, dims) = weight(g, io.input(1)?, Some([3, 0, 1, 2]))?;
    let kernel = [dims[2], dims[3]];
    let (ins, outs) = (g.tensors[x].shape.clone(), g.tensors[out].shape.clone());
    if ins.len() != 4 || outs.len() != 4 {
        return Err("input and output must be NHWC".to_owned());
    }
    let mut pads = [0_i64; 4];
    for a in 0..2 {
        let total = ((ins[1 + a] - 1) * stride[a] + kernel[a] - outs[1 + a]).max(0);
        let begin = if same { total / 2 } else { 0 };
        pads[a] = begin;
        pads[a + 2] = total - begin;
    }
    let mut inputs = vec![g.value(x, Layout::Nchw)?, w];
    if let Some(b) = io.ins.get(2).copied().flatten() {
        inputs.push(weight(g, b, None)?.0);
    }
    let name = g.define(out, Layout::Nchw);
    let refs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let attrs = [
        ("kernel_shape", Attr::Ints(&kernel)),
        ("strides", Attr::Ints(&stride)),
        ("pads", Attr::Ints(&pads)),
    ];
    g.add(&name, "ConvTranspose", &refs, &[&name], &attrs);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_padding_puts_the_odd_pixel_at_the_end() {
        assert_eq!(same_pads(128, 5, 2, 1), [1, 2]);
        assert_eq!(same_pads(64, 3, 1, 1), [1, 1]);
        assert_eq!(same_pads(64, 1, 1, 1), [0, 0]);
        assert_eq!(same_pads(7, 2, 2, 1), [0, 1]);
    }

    #[test]
    fn permute_moves_axes() {
        // [1, 2, 1, 3] → [0, 3, 1, 2]: OHWI to OIHW.
        let c = Const {
            dims: vec![1, 2, 1, 3],
            values: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        };
        let (v, d) = permute(&c, [0, 3, 1, 2]).unwrap();
        assert_eq!(d, vec![1, 3, 2, 1]);
        assert_eq!(v, vec![1.0, 4.0, 2.0, 5.0, 3.0, 6.0]);
    }
}
