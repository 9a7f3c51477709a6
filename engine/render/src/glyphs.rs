//! The glyph atlas and text layout behind the text layer.
//!
//! Fonts arrive as TTF/OTF bytes (from the effect package, e.g. a CJK font) and are rasterised
//! with `ab_glyph` into one R8 coverage atlas, packed in shelves, each glyph with a padding band
//! that strokes and shadows dilate it into (a stroked glyph is kept dilated beside the plain one,
//! see `dilate`). Pen positions are rounded to whole pixels, so layout is deterministic. Layout
//! is horizontal (lines top to bottom) or vertical (columns right to left, each character
//! centred in an em-wide column, as on couplets).

use ab_glyph::{Font as _, FontVec, GlyphId, PxScale, ScaleFont as _};
use std::collections::HashMap;

use crate::error::{RenderError, Result};

/// Identifies a font loaded with [`crate::Renderer::load_font`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FontId(pub(crate) u32);

/// Coverage padding around each glyph: the widest stroke/shadow dilation, in pixels.
pub(crate) const PAD: u32 = 8;
pub(crate) const ATLAS: u32 = 1024;
/// Sizes above this are clamped (one glyph must fit the atlas comfortably).
pub const MAX_TEXT_PX: f32 = 400.0;

#[derive(Clone, Copy, Debug)]
struct Slot {
    /// Atlas rectangle (padding included).
    x: u32,
    y: u32,
    w: u32,
    h: u32,
    /// Offset of the rectangle's top-left from the pen position on the baseline.
    dx: f32,
    dy: f32,
}

/// A glyph placed by layout: its quad in pixels relative to the block's top-left, and atlas UVs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PlacedGlyph {
    pub rect: [f32; 4],
    pub uv: [f32; 4],
}

/// A laid-out block of text: each glyph's pen position (on the baseline, whole pixels) and the
/// block's size in pixels.
pub(crate) struct Layout {
    font: FontId,
    /// The size used (clamped to `1..=MAX_TEXT_PX`).
    px: f32,
    pens: Vec<(GlyphId, f32, f32)>,
    pub(crate) size: [f32; 2],
}

pub(crate) struct GlyphAtlas {
    fonts: Vec<FontVec>,
    /// By font, glyph, size (quarter pixels) and dilation (sixteenths of a pixel).
    slots: HashMap<(u32, GlyphId, u32, u32), Option<Slot>>,
    shelf_x: u32,
    shelf_y: u32,
    shelf_h: u32,
    pub(crate) texture: wgpu::Texture,
    pub(crate) view: wgpu::TextureView,
}

impl GlyphAtlas {
    pub(crate) fn new(device: &wgpu::Device) -> Self {
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("glyph atlas"),
            size: wgpu::Extent3d {
                width: ATLAS,
                height: ATLAS,
                depth_or_array_layers: 1,
            },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: wgpu::TextureFormat::R8Unorm,
            usage: wgpu::TextureUsages::TEXTURE_BINDING | wgpu::TextureUsages::COPY_DST,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        Self {
            fonts: Vec::new(),
            slots: HashMap::new(),
            shelf_x: 0,
            shelf_y: 0,
            shelf_h: 0,
            texture,
            view,
        }
    }

    /// Forgets every font and glyph (the texture stays, its old pixels unused).
    pub(crate) fn clear(&mut self) {
        self.fonts.clear();
        self.slots.clear();
        (self.shelf_x, self.shelf_y, self.shelf_h) = (0, 0, 0);
    }

    pub(crate) fn add_font(&mut self, name: &str, bytes: Vec<u8>) -> Result<FontId> {
        let font = FontVec::try_from_vec(bytes).map_err(|e| RenderError::Font {
            name: name.to_owned(),
            message: e.to_string(),
        })?;
        self.fonts.push(font);
        Ok(FontId(self.fonts.len() as u32 - 1))
    }

    fn font(&self, id: FontId) -> Result<&FontVec> {
        self.fonts
            .get(id.0 as usize)
            .ok_or(RenderError::UnknownResource {
                what: "font",
                id: id.0,
            })
    }

    /// Rasterise (once) and return the atlas slot of a glyph, dilated by `dilate` pixels (0 for
    /// the plain glyph, at most `PAD`); `None` for blank glyphs.
    fn slot(
        &mut self,
        queue: &wgpu::Queue,
        font: FontId,
        glyph: GlyphId,
        (px, dilate): (f32, f32),
    ) -> Result<Option<Slot>> {
        let dilate = dilate.clamp(0.0, PAD as f32);
        let key = (
            font.0,
            glyph,
            (px * 4.0).round() as u32,
            (dilate * 16.0).round() as u32,
        );
        if let Some(s) = self.slots.get(&key) {
            return Ok(*s);
        }
        let f = self.font(font)?;
        let Some(outline) = f.outline_glyph(glyph.with_scale(PxScale::from(px))) else {
            self.slots.insert(key, None);
            return Ok(None);
        };
        let b = outline.px_bounds();
        let (gw, gh) = (b.width().ceil() as u32, b.height().ceil() as u32);
        let (w, h) = (gw + 2 * PAD, gh + 2 * PAD);
        let mut pixels = vec![0u8; (w * h) as usize];
        outline.draw(|x, y, c| {
            let i = ((y + PAD) * w + x + PAD) as usize;
            if let Some(p) = pixels.get_mut(i) {
                *p = (c.clamp(0.0, 1.0) * 255.0).round() as u8;
            }
        });
        if key.3 > 0 {
            pixels = crate::dilate::dilate(&pixels, w, h, dilate);
        }
        if self.shelf_x + w > ATLAS {
            self.shelf_y += self.shelf_h;
            self.shelf_x = 0;
            self.shelf_h = 0;
        }
        if self.shelf_y + h > ATLAS {
            // Full: start over. Glyphs of the current frame are re-rasterised on demand.
            tracing::debug!("glyph atlas full; clearing");
            self.slots.clear();
            self.shelf_x = 0;
            self.shelf_y = 0;
            self.shelf_h = 0;
        }
        let slot = Slot {
            x: self.shelf_x,
            y: self.shelf_y,
            w,
            h,
            dx: b.min.x - PAD as f32,
            dy: b.min.y - PAD as f32,
        };
        queue.write_texture(
            wgpu::TexelCopyTextureInfo {
                texture: &self.texture,
                mip_level: 0,
                origin: wgpu::Origin3d {
                    x: slot.x,
                    y: slot.y,
                    z: 0,
                },
                aspect: wgpu::TextureAspect::All,
            },
            &pixels,
            wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(w),
                rows_per_image: Some(h),
            },
            wgpu::Extent3d {
                width: w,
                height: h,
                depth_or_array_layers: 1,
            },
        );
        self.shelf_x += w;
        self.shelf_h = self.shelf_h.max(h);
        self.slots.insert(key, Some(slot));
        Ok(Some(slot))
    }

    /// Lay out `text`: each glyph's pen position and the block's size in pixels (the atlas is
    /// not touched: [`Self::place`] puts the glyphs in it).
    pub(crate) fn layout(
        &self,
        (font, text): (FontId, &str),
        px: f32,
        vertical: bool,
        line_spacing: f32,
    ) -> Result<Layout> {
        let px = if px.is_finite() {
            px.clamp(1.0, MAX_TEXT_PX)
        } else {
            16.0
        };
        let (ascent, descent, line_h) = {
            let s = self.font(font)?.as_scaled(PxScale::from(px));
            (
                s.ascent(),
                s.descent(),
                (s.height() + s.line_gap()) * line_spacing.max(0.1),
            )
        };
        let lines: Vec<&str> = text.split('\n').collect();
        let mut pens: Vec<(GlyphId, f32, f32)> = Vec::new();
        let mut size = [0.0f32; 2];
        if vertical {
            let col_w = (px * line_spacing.max(0.1)).round();
            let n = lines.len() as f32;
            for (ci, line) in lines.iter().enumerate() {
                // Columns run right to left.
                let col_left = (n - 1.0 - ci as f32) * col_w;
                let mut y = 0.0f32;
                for ch in line.chars() {
                    let s = self.font(font)?.as_scaled(PxScale::from(px));
                    let g = s.glyph_id(ch);
                    let x = (col_left + (col_w - s.h_advance(g)) * 0.5).round();
                    pens.push((g, x, (y + ascent).round()));
                    y += (ascent - descent).max(px);
                }
                size[1] = size[1].max(y);
            }
            size[0] = n * col_w;
        } else {
            for (li, line) in lines.iter().enumerate() {
                let s = self.font(font)?.as_scaled(PxScale::from(px));
                let baseline = (li as f32 * line_h + ascent).round();
                let mut x = 0.0f32;
                let mut prev: Option<GlyphId> = None;
                for ch in line.chars() {
                    let g = s.glyph_id(ch);
                    if let Some(p) = prev {
                        x += s.kern(p, g);
                    }
                    pens.push((g, x.round(), baseline));
                    x += s.h_advance(g);
                    prev = Some(g);
                }
                size[0] = size[0].max(x);
            }
            size[1] = lines.len() as f32 * line_h;
        }
        Ok(Layout {
            font,
            px,
            pens,
            size,
        })
    }

    /// The glyphs of `layout`, dilated by `dilate` pixels (strokes and shadows; 0 for the fill),
    /// made sure to be in the atlas: quads relative to the block's top-left, and atlas UVs.
    pub(crate) fn place(
        &mut self,
        queue: &wgpu::Queue,
        layout: &Layout,
        dilate: f32,
    ) -> Result<Vec<PlacedGlyph>> {
        let mut placed = Vec::with_capacity(layout.pens.len());
        for &(g, x, y) in &layout.pens {
            if let Some(s) = self.slot(queue, layout.font, g, (layout.px, dilate))? {
                let a = ATLAS as f32;
                placed.push(PlacedGlyph {
                    rect: [x + s.dx.floor(), y + s.dy.floor(), s.w as f32, s.h as f32],
                    uv: [
                        s.x as f32 / a,
                        s.y as f32 / a,
                        (s.x + s.w) as f32 / a,
                        (s.y + s.h) as f32 / a,
                    ],
                });
            }
        }
        Ok(placed)
    }
}
