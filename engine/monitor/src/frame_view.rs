//! The newest outgoing frame: uploaded to a texture only when a new preview arrives, drawn
//! letterboxed (aspect kept) in the space it is given, with the hot-zones outlined and named and,
//! when asked, the tracking overlay ([`crate::overlay`]) on top. A click on a hot-zone is a tap:
//! [`FrameView::show`] returns the zone under the pointer (the topmost, as a player finds it),
//! and the cursor turns into a hand over one.

use eframe::egui::{
    self, Color32, ColorImage, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, TextureHandle,
    TextureOptions, Vec2, pos2, vec2,
};
use lantern_engine::push::Preview;
use lantern_engine::schema::hotzone::HotZone;
use lantern_engine::schema::tracking::{Point2, TrackingFrame};

use crate::overlay;

/// What is shown of the last preview (its pixels live in the texture).
#[derive(Default)]
pub struct FrameView {
    texture: Option<TextureHandle>,
    /// The picture's size in pixels.
    size: [usize; 2],
    /// The output size zones and tracking refer to.
    output: [u32; 2],
    pub index: u64,
    pub pts_ms: i64,
    pub zones: Vec<HotZone>,
    pub tracking: Option<TrackingFrame>,
    /// The gameplay state the last frame was rendered with.
    pub gameplay: Option<bool>,
    /// Frames received (each one uploaded once).
    pub frames: u64,
    /// Where the picture was last drawn.
    shown: std::cell::Cell<Option<Mapping>>,
}

impl std::fmt::Debug for FrameView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrameView")
            .field("size", &self.size)
            .field("index", &self.index)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

/// Maps output pixels onto the shown picture.
#[derive(Clone, Copy, Debug)]
pub struct Mapping {
    pub rect: Rect,
    scale: Vec2,
}

impl Mapping {
    pub fn new(rect: Rect, output: [u32; 2]) -> Self {
        let (w, h) = (output[0].max(1) as f32, output[1].max(1) as f32);
        Self {
            rect,
            scale: vec2(rect.width() / w, rect.height() / h),
        }
    }

    pub fn point(&self, x: f32, y: f32) -> Pos2 {
        self.rect.min + vec2(x * self.scale.x, y * self.scale.y)
    }

    pub fn rect(&self, x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_min_max(self.point(x, y), self.point(x + w, y + h))
    }

    /// The output pixel under a point of the screen, when it is on the picture.
    pub fn output_from_screen(&self, at: Pos2) -> Option<(f32, f32)> {
        if !self.rect.contains(at) || self.scale.x <= 0.0 || self.scale.y <= 0.0 {
            return None;
        }
        let d = at - self.rect.min;
        Some((d.x / self.scale.x, d.y / self.scale.y))
    }
}

/// The topmost zone (the last drawn) containing output pixel `(x, y)`.
pub fn zone_at(zones: &[HotZone], (x, y): (f32, f32)) -> Option<&HotZone> {
    zones
        .iter()
        .rev()
        .find(|z| z.rect.contains(Point2 { x, y }))
}

/// The largest rectangle of `aspect` (w/h) centred in `avail`.
pub fn letterbox(avail: Rect, aspect: f32) -> Rect {
    if !(aspect.is_finite() && aspect > 0.0) || avail.width() <= 0.0 || avail.height() <= 0.0 {
        return avail;
    }
    let size = if avail.width() / avail.height() > aspect {
        vec2(avail.height() * aspect, avail.height())
    } else {
        vec2(avail.width(), avail.width() / aspect)
    };
    Rect::from_center_size(avail.center(), size)
}

impl FrameView {
    /// Takes a new frame: uploads its pixels (replacing the texture's content) and keeps its
    /// zones and tracking.
    pub fn update(&mut self, ctx: &egui::Context, preview: Preview) {
        let size = [preview.width as usize, preview.height as usize];
        if size[0] > 0 && size[1] > 0 && preview.rgba.len() == size[0] * size[1] * 4 {
            let image = ColorImage::from_rgba_unmultiplied(size, &preview.rgba);
            match &mut self.texture {
                Some(t) => t.set(image, TextureOptions::LINEAR),
                None => {
                    self.texture =
                        Some(ctx.load_texture("outgoing-frame", image, TextureOptions::LINEAR));
                }
            }
            self.size = size;
        }
        self.output = preview.output;
        self.index = preview.index;
        self.pts_ms = preview.pts_ms;
        self.zones = preview.zones;
        self.tracking = preview.tracking;
        self.gameplay = Some(preview.gameplay);
        self.frames += 1;
    }

    /// Where output pixel `(x, y)` was last drawn on the screen.
    pub fn screen_from_output(&self, x: f32, y: f32) -> Option<Pos2> {
        self.shown.get().map(|m| m.point(x, y))
    }

    /// Draws the frame in all the space `ui` has left; the hot-zone clicked, if one was.
    pub fn show(&self, ui: &mut egui::Ui, show_tracking: bool) -> Option<HotZone> {
        let (avail, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
        let painter = ui.painter_at(avail);
        painter.rect_filled(avail, 0.0, Color32::from_gray(16));
        let Some(texture) = &self.texture else {
            painter.text(
                avail.center(),
                egui::Align2::CENTER_CENTER,
                "waiting for the first frame…",
                FontId::proportional(16.0),
                Color32::GRAY,
            );
            return None;
        };
        let aspect = self.size[0] as f32 / self.size[1].max(1) as f32;
        let rect = letterbox(avail, aspect);
        painter.image(
            texture.id(),
            rect,
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0)),
            Color32::WHITE,
        );
        let map = Mapping::new(rect, self.output);
        self.shown.set(Some(map));
        draw_zones(&painter, &map, &self.zones);
        if show_tracking && let Some(t) = &self.tracking {
            overlay::draw(&painter, &map, t);
        }
        let under = |at: Option<Pos2>| {
            let output = map.output_from_screen(at?)?;
            zone_at(&self.zones, output)
        };
        if under(response.hover_pos()).is_some() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }
        if response.clicked() {
            return under(response.interact_pointer_pos()).cloned();
        }
        None
    }
}

const ZONE: Color32 = Color32::from_rgb(255, 214, 10);

fn draw_zones(painter: &egui::Painter, map: &Mapping, zones: &[HotZone]) {
    for z in zones {
        let r = map.rect(z.rect.x, z.rect.y, z.rect.w, z.rect.h);
        painter.rect_stroke(r, 2.0, Stroke::new(2.0, ZONE), StrokeKind::Outside);
        let label = format!("{} ({})", z.id, z.kind);
        let galley = painter.layout_no_wrap(label, FontId::monospace(12.0), Color32::BLACK);
        let at = r.left_top() - vec2(0.0, galley.size().y + 2.0);
        let at = pos2(at.x, at.y.max(map.rect.top()));
        painter.rect_filled(
            Rect::from_min_size(at, galley.size() + vec2(6.0, 2.0)),
            2.0,
            ZONE,
        );
        painter.galley(at + vec2(3.0, 1.0), galley, Color32::BLACK);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letterbox_keeps_the_aspect_and_centres() {
        let avail = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 800.0));
        let r = letterbox(avail, 16.0 / 9.0);
        assert!((r.width() - 800.0).abs() < 0.01);
        assert!((r.height() - 450.0).abs() < 0.01);
        assert!((r.center().y - 400.0).abs() < 0.01);
        let tall = letterbox(avail, 9.0 / 16.0);
        assert!((tall.width() - 450.0).abs() < 0.01 && (tall.height() - 800.0).abs() < 0.01);
        assert_eq!(letterbox(avail, f32::NAN), avail);
    }

    #[test]
    fn output_pixels_map_onto_the_picture() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(640.0, 360.0));
        let m = Mapping::new(rect, [1280, 720]);
        assert_eq!(m.point(0.0, 0.0), pos2(10.0, 20.0));
        assert_eq!(m.point(1280.0, 720.0), pos2(650.0, 380.0));
        assert_eq!(m.rect(640.0, 360.0, 128.0, 72.0).size(), vec2(64.0, 36.0));
        assert_eq!(
            m.output_from_screen(pos2(330.0, 200.0)),
            Some((640.0, 360.0))
        );
        assert_eq!(m.output_from_screen(pos2(5.0, 200.0)), None);
    }

    #[test]
    fn the_topmost_zone_under_a_point_is_found() {
        let zone = |id: &str, x: f32, y: f32| HotZone {
            id: id.to_owned(),
            kind: "k".to_owned(),
            rect: lantern_engine::schema::tracking::Rect {
                x,
                y,
                w: 100.0,
                h: 100.0,
            },
            payload: serde_json::Value::Null,
        };
        let zones = [zone("under", 0.0, 0.0), zone("over", 50.0, 50.0)];
        assert_eq!(zone_at(&zones, (75.0, 75.0)).unwrap().id, "over");
        assert_eq!(zone_at(&zones, (10.0, 10.0)).unwrap().id, "under");
        assert!(zone_at(&zones, (160.0, 10.0)).is_none());
    }
}
