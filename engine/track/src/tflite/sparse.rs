//! Sparse constants: TensorFlow Lite's `DENSIFY` op, done at conversion time.
//!
//! A sparse model (MediaPipe's full-range face detector, `face_detection_full_range_sparse`)
//! stores most convolution weights as only their non-zero values plus, for each dimension,
//! either its size (dense) or CSR segments and indices (sparse), and a `DENSIFY` op makes the
//! dense tensor at run time. Here the dense values become a constant of the graph: no node.
//! The layout is TensorFlow Lite's `FormatConverter` without blocks (the only kind MediaPipe's
//! models use): dimensions in their own order, a dense dimension's positions `parent · n + i`,
//! a sparse one's positions its index range `segments[parent]..segments[parent + 1]`.

use super::fb;
use super::graph::{Graph, le_f16, le_f32};
use super::ops::Io;

/// One dimension of a sparse tensor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Dim {
    Dense(usize),
    Csr {
        segments: Vec<usize>,
        indices: Vec<usize>,
    },
}

/// `DENSIFY`: the sparse constant input as a dense float constant for the output.
pub(super) fn densify_op(g: &mut Graph<'_>, io: &Io) -> Result<(), String> {
    let (x, out) = (io.input(0)?, io.output()?);
    let t = &g.tensors[x];
    let (Some(data), Some(sp)) = (t.data, t.sparsity.as_ref()) else {
        return Err(format!("`{}` is not a sparse constant", t.name));
    };
    let values = match t.kind {
        fb::TensorType::FLOAT16 => le_f16(data),
        fb::TensorType::FLOAT32 => le_f32(data),
        other => return Err(format!("`{}`: sparse {other:?} values", t.name)),
    };
    let rank = t.shape.len();
    let identity = sp.traversal_order().is_none_or(|o| {
        o.iter()
            .enumerate()
            .all(|(i, d)| usize::try_from(d) == Ok(i))
    });
    if !identity || sp.block_map().is_some_and(|b| !b.is_empty()) {
        return Err(format!(
            "`{}`: blocked or reordered sparsity is not supported",
            t.name
        ));
    }
    let dims = sp
        .dim_metadata()
        .ok_or_else(|| format!("`{}` has no dimension metadata", t.name))?
        .iter()
        .map(|d| dim(&d))
        .collect::<Result<Vec<_>, _>>()?;
    let shape: Vec<usize> = t
        .shape
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| format!("negative dimension {d}")))
        .collect::<Result<_, _>>()?;
    if dims.len() != rank {
        return Err(format!(
            "{} dimensions of metadata for rank {rank}",
            dims.len()
        ));
    }
    let dense = densify(&shape, &dims, &values).map_err(|e| format!("`{}`: {e}", t.name))?;
    g.set_const(out, dense).map_err(|e| e.to_string())
}

/// One dimension's metadata.
fn dim(d: &fb::DimensionMetadata<'_>) -> Result<Dim, String> {
    if d.format() == fb::DimensionType::DENSE {
        return usize::try_from(d.dense_size())
            .map(Dim::Dense)
            .map_err(|_| format!("dense size {}", d.dense_size()));
    }
    let segments = segments(d).ok_or("CSR dimension without segments")?;
    let indices = indices(d).ok_or("CSR dimension without indices")?;
    Ok(Dim::Csr { segments, indices })
}

/// A CSR dimension's segments, whatever their integer type.
fn segments(d: &fb::DimensionMetadata<'_>) -> Option<Vec<usize>> {
    use fb::SparseIndexVector as V;
    match d.array_segments_type() {
        V::Int32Vector => wide(d.array_segments_as_int_32_vector()?.values()?),
        V::Uint16Vector => Some(narrow(d.array_segments_as_uint_16_vector()?.values()?)),
        V::Uint8Vector => Some(narrow(d.array_segments_as_uint_8_vector()?.values()?)),
        _ => None,
    }
}

/// A CSR dimension's indices, whatever their integer type.
fn indices(d: &fb::DimensionMetadata<'_>) -> Option<Vec<usize>> {
    use fb::SparseIndexVector as V;
    match d.array_indices_type() {
        V::Int32Vector => wide(d.array_indices_as_int_32_vector()?.values()?),
        V::Uint16Vector => Some(narrow(d.array_indices_as_uint_16_vector()?.values()?)),
        V::Uint8Vector => Some(narrow(d.array_indices_as_uint_8_vector()?.values()?)),
        _ => None,
    }
}

fn wide(v: flatbuffers::Vector<'_, i32>) -> Option<Vec<usize>> {
    v.iter().map(|x| usize::try_from(x).ok()).collect()
}

fn narrow<'a, T>(v: flatbuffers::Vector<'a, T>) -> Vec<usize>
where
    T: flatbuffers::Follow<'a> + 'a,
    usize: From<T::Inner>,
{
    v.iter().map(usize::from).collect()
}

/// The dense values (row-major in `shape`) of a tensor whose non-zero `values` are laid out as
/// `dims` says.
pub(super) fn densify(shape: &[usize], dims: &[Dim], values: &[f32]) -> Result<Vec<f32>, String> {
    let total: usize = shape.iter().product();
    let mut out = vec![0.0; total];
    // (level, position in that level's storage, dense index so far)
    let mut stack = vec![(0_usize, 0_usize, 0_usize)];
    while let Some((level, pos, index)) = stack.pop() {
        let (Some(dim), Some(&len)) = (dims.get(level), shape.get(level)) else {
            let value = values
                .get(pos)
                .ok_or_else(|| format!("value {pos} of {} is missing", values.len()))?;
            *out.get_mut(index).ok_or("index out of range")? = *value;
            continue;
        };
        match dim {
            Dim::Dense(size) if *size != len => {
                return Err(format!("dense size {size} for a dimension of {len}"));
            }
            Dim::Dense(_) => {
                stack.extend((0..len).map(|i| (level + 1, pos * len + i, index * len + i)));
            }
            Dim::Csr { segments, indices } => {
                let (Some(&start), Some(&end)) = (segments.get(pos), segments.get(pos + 1)) else {
                    return Err(format!("segment {pos} is missing"));
                };
                for k in start..end {
                    let i = *indices.get(k).ok_or("a sparse index is missing")?;
                    if i >= len {
                        return Err(format!("sparse index {i} in a dimension of {len}"));
                    }
                    stack.push((level + 1, k, index * len + i));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csr_matrix_becomes_dense() {
        // [[1, 0, 2], [0, 0, 0], [0, 3, 0]] with dense rows and CSR columns.
        let dims = [
            Dim::Dense(3),
            Dim::Csr {
                segments: vec![0, 2, 2, 3],
                indices: vec![0, 2, 1],
            },
        ];
        let dense = densify(&[3, 3], &dims, &[1.0, 2.0, 3.0]).unwrap();
        assert_eq!(dense, [1.0, 0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 3.0, 0.0]);
    }

    #[test]
    fn four_dims_with_the_last_sparse_as_in_mediapipe() {
        // [2, 1, 1, 4]: out channel 0 has inputs 1 and 3, channel 1 has input 0.
        let dims = [
            Dim::Dense(2),
            Dim::Dense(1),
            Dim::Dense(1),
            Dim::Csr {
                segments: vec![0, 2, 3],
                indices: vec![1, 3, 0],
            },
        ];
        let dense = densify(&[2, 1, 1, 4], &dims, &[5.0, 6.0, 7.0]).unwrap();
        assert_eq!(dense, [0.0, 5.0, 0.0, 6.0, 7.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn bad_metadata_is_an_error() {
        let csr = |segments: Vec<usize>, indices: Vec<usize>| Dim::Csr { segments, indices };
        for (dims, values) in [
            (
                vec![Dim::Dense(2), csr(vec![0, 1, 2], vec![0, 9])],
                vec![1.0, 2.0],
            ),
            (vec![Dim::Dense(2), csr(vec![0, 1], vec![0])], vec![1.0]),
            (
                vec![Dim::Dense(2), csr(vec![0, 1, 2], vec![0, 1])],
                vec![1.0],
            ),
            (vec![Dim::Dense(3), csr(vec![0, 0, 0, 0], vec![])], vec![]),
        ] {
            assert!(densify(&[2, 2], &dims, &values).is_err(), "{dims:?}");
        }
    }
}
