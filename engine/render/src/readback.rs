//! Reading frames back: a ring of two staging buffers so the GPU can render frame N+1 while the
//! CPU maps and copies frame N ([`crate::Renderer::render_pipelined`]), plus the plain blocking
//! path ([`crate::Renderer::render`]).
//!
//! Each output plane is copied texture→buffer with rows padded to wgpu's 256-byte alignment; the
//! padding is stripped while copying out of the mapped range, so callers get tight planes.

use std::sync::{Arc, Mutex};

use effect_schema::hotzone::HotZone;

use crate::error::{RenderError, Result};

/// The pixel layout of a read-back frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PixelFormat {
    /// 4 bytes per pixel, straight alpha.
    #[default]
    Rgba,
    /// Y plane (`w*h`) then interleaved CbCr at half size (`w*h/2`); BT.709 limited range.
    Nv12,
}

/// One rendered frame on the CPU.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameData {
    pub index: u64,
    pub format: PixelFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    /// The hot-zones of this frame, in output pixels.
    pub hotzones: Vec<HotZone>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct PlaneLayout {
    offset: u64,
    padded_row: u32,
    row_bytes: u32,
    rows: u32,
}

fn padded(row_bytes: u32) -> u32 {
    row_bytes.div_ceil(wgpu::COPY_BYTES_PER_ROW_ALIGNMENT) * wgpu::COPY_BYTES_PER_ROW_ALIGNMENT
}

/// Bytes a staging buffer needs for either format at `width` x `height`.
pub(crate) fn staging_size(width: u32, height: u32) -> u64 {
    let rgba = u64::from(padded(width * 4)) * u64::from(height);
    let nv12 = u64::from(padded(width)) * u64::from(height)
        + u64::from(padded(width)) * u64::from(height / 2);
    rgba.max(nv12)
}

/// Record a copy of `texture` (`bpp` bytes per pixel) into `buffer` at `offset`.
pub(crate) fn copy_plane(
    encoder: &mut wgpu::CommandEncoder,
    texture: &wgpu::Texture,
    bpp: u32,
    buffer: &wgpu::Buffer,
    offset: u64,
) -> PlaneLayout {
    let (w, h) = (texture.width(), texture.height());
    let layout = PlaneLayout {
        offset,
        padded_row: padded(w * bpp),
        row_bytes: w * bpp,
        rows: h,
    };
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset,
                bytes_per_row: Some(layout.padded_row),
                rows_per_image: Some(h),
            },
        },
        wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
    );
    layout
}

impl PlaneLayout {
    pub(crate) fn end(&self) -> u64 {
        self.offset + u64::from(self.padded_row) * u64::from(self.rows)
    }
}

/// What a pending readback will return besides the pixels.
pub(crate) struct FrameMeta {
    pub index: u64,
    pub format: PixelFormat,
    pub width: u32,
    pub height: u32,
    pub hotzones: Vec<HotZone>,
}

/// How many 1 ms waits for a map callback another thread is about to run (5 s in all).
const MAP_CALLBACK_TRIES: u32 = 5000;

type MapState = Arc<Mutex<Option<Result<(), String>>>>;

struct Pending {
    meta: FrameMeta,
    planes: Vec<PlaneLayout>,
    submission: wgpu::SubmissionIndex,
    state: MapState,
}

/// One staging buffer and the frame (if any) travelling through it.
pub(crate) struct Staging {
    pub(crate) buffer: wgpu::Buffer,
    pending: Option<Pending>,
}

impl Staging {
    pub(crate) fn new(device: &wgpu::Device, size: u64) -> Self {
        Self {
            buffer: device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("readback staging"),
                size,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }),
            pending: None,
        }
    }

    pub(crate) fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Start mapping after the copy was submitted as `submission`.
    pub(crate) fn start(
        &mut self,
        meta: FrameMeta,
        planes: Vec<PlaneLayout>,
        submission: wgpu::SubmissionIndex,
    ) {
        let end = planes.iter().map(PlaneLayout::end).max().unwrap_or(0);
        let state: MapState = Arc::new(Mutex::new(None));
        let signal = Arc::clone(&state);
        self.buffer
            .slice(..end)
            .map_async(wgpu::MapMode::Read, move |r| {
                if let Ok(mut s) = signal.lock() {
                    *s = Some(r.map_err(|e| e.to_string()));
                }
            });
        self.pending = Some(Pending {
            meta,
            planes,
            submission,
            state,
        });
    }

    /// Wait for the pending frame and copy it out (tight rows). `None` when nothing is pending.
    pub(crate) fn finish(&mut self, device: &wgpu::Device) -> Result<Option<FrameData>> {
        let Some(p) = self.pending.take() else {
            return Ok(None);
        };
        device
            .poll(wgpu::PollType::Wait {
                submission_index: Some(p.submission),
                timeout: None,
            })
            .map_err(|e| RenderError::Readback(e.to_string()))?;
        // With a device shared between threads, another thread's poll may have taken our
        // completed map and be about to run its callback: wait for it, boundedly.
        let mut state = None;
        for _ in 0..MAP_CALLBACK_TRIES {
            state = p
                .state
                .lock()
                .map_err(|_| RenderError::Readback("map state poisoned".into()))?
                .take();
            if state.is_some() {
                break;
            }
            let _ = device.poll(wgpu::PollType::Poll);
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        match state {
            Some(Ok(())) => {}
            Some(Err(e)) => return Err(RenderError::Readback(e)),
            None => {
                return Err(RenderError::Readback(
                    "the map callback did not run after the wait".into(),
                ));
            }
        }
        let end = p.planes.iter().map(PlaneLayout::end).max().unwrap_or(0);
        let total: usize = p
            .planes
            .iter()
            .map(|l| (l.row_bytes * l.rows) as usize)
            .sum();
        let mut bytes = Vec::with_capacity(total);
        {
            let slice = self.buffer.slice(..end);
            let view = slice
                .get_mapped_range()
                .map_err(|e| RenderError::Readback(e.to_string()))?;
            for l in &p.planes {
                for row in 0..l.rows {
                    let start = (l.offset + u64::from(row) * u64::from(l.padded_row)) as usize;
                    bytes.extend_from_slice(&view[start..start + l.row_bytes as usize]);
                }
            }
        }
        self.buffer.unmap();
        Ok(Some(FrameData {
            index: p.meta.index,
            format: p.meta.format,
            width: p.meta.width,
            height: p.meta.height,
            bytes,
            hotzones: p.meta.hotzones,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_covers_both_formats() {
        // 1920 * 4 = 7680 is aligned; 1080p NV12 rows of 1920 are aligned too.
        assert_eq!(staging_size(1920, 1080), 1920 * 4 * 1080);
        // 322 px: RGBA rows 1288 -> 1536, luma rows 322 -> 512.
        assert_eq!(staging_size(322, 180), 1536 * 180);
        assert_eq!(padded(1), 256);
    }
}
