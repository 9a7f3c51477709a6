//! [`EffectPlayer`]: one loaded effect on one renderer — what the push pipeline, `lantern render`
//! and the Studio preview drive, one frame at a time.
//!
//! Per frame the caller hands in the camera frame, this frame's tracking (live from the tracker
//! or replayed from a tape) and host events (taps, control-panel commands); the player uploads
//! the camera frame, lets the [`Scene`](crate::scene::Scene) run triggers and the script, builds
//! the draw list and renders it, returning pixels (RGBA or NV12) with the frame's hot-zones.

use std::sync::Arc;

use effect_schema::Package;
use effect_schema::capability::Capabilities;
use effect_schema::tracking::TrackingFrame;
use lantern_render::{FrameData, Gpu, PixelFormat, Renderer, RendererConfig, TextureId};
use lantern_script::{HostEvent, LogEntry};
use lantern_track::PersonMask;

use crate::error::{EngineError, Result};
use crate::scene::{Scene, SceneOptions};

/// How to play an effect.
#[derive(Clone, Debug)]
pub struct PlayerOptions {
    /// Output size in pixels (even numbers).
    pub width: u32,
    pub height: u32,
    /// Frames per second of the deterministic clock (frame `n` is at `n / fps` seconds).
    pub fps: f32,
    /// The platform UI margins, as fractions of each side `[top, right, bottom, left]`, that
    /// `relativeTo: "safeArea"` placements avoid.
    pub safe_area: [f32; 4],
    /// Run the effect's script (when it has one).
    pub scripts: bool,
    /// Seed of particles and the script's random numbers (with the frame index).
    pub seed: u64,
}

impl Default for PlayerOptions {
    fn default() -> Self {
        Self {
            width: 1280,
            height: 720,
            fps: 30.0,
            safe_area: [0.08, 0.04, 0.12, 0.04],
            scripts: true,
            seed: 0x6c61_6e74,
        }
    }
}

/// The camera (or file, or still) frame under the effect: tightly packed RGBA.
#[derive(Clone, Copy, Debug)]
pub struct CameraFrame<'a> {
    pub width: u32,
    pub height: u32,
    pub rgba: &'a [u8],
}

/// Everything one frame needs from outside.
#[derive(Clone, Copy, Debug)]
pub struct PlayerInput<'a> {
    /// Frame index from the start (the clock: `index / fps` seconds).
    pub index: u64,
    pub camera: CameraFrame<'a>,
    /// This frame's tracking, in the camera frame's pixels; `None` when nothing is tracked.
    pub tracking: Option<&'a TrackingFrame>,
    /// Taps and host commands since the last frame.
    pub events: &'a [HostEvent],
}

/// One effect, loaded onto a renderer.
pub struct EffectPlayer {
    renderer: Renderer,
    scene: Scene,
    camera: Option<(TextureId, [u32; 2])>,
    /// The person mask for background layers, and whether it is this frame's.
    mask: Option<(TextureId, [u32; 2])>,
    mask_fresh: bool,
    /// The tracker's mask now in `mask` (a reused mask is not uploaded again).
    shared_mask: Option<Arc<PersonMask>>,
}

impl EffectPlayer {
    /// Loads `package` onto a new renderer (lavapipe when there is no GPU).
    pub fn new(package: Package, options: &PlayerOptions) -> Result<Self> {
        let renderer = Renderer::new(RendererConfig::new(options.width, options.height))?;
        Self::with_renderer(renderer, package, options)
    }

    /// Loads `package` onto a renderer on an existing device.
    pub fn with_gpu(gpu: Gpu, package: Package, options: &PlayerOptions) -> Result<Self> {
        let renderer = Renderer::with_gpu(gpu, RendererConfig::new(options.width, options.height))?;
        Self::with_renderer(renderer, package, options)
    }

    /// A player on a renderer made ahead (on another thread: [`crate::driver::Warmer`]).
    pub(crate) fn with_renderer(
        mut renderer: Renderer,
        package: Package,
        options: &PlayerOptions,
    ) -> Result<Self> {
        let scene = Scene::load(&mut renderer, package, &SceneOptions::from(options))?;
        Ok(Self {
            renderer,
            scene,
            camera: None,
            mask: None,
            mask_fresh: false,
            shared_mask: None,
        })
    }

    /// The renderer, its effect's resources still on it (for [`Renderer::recycle`]).
    pub(crate) fn into_renderer(self) -> Renderer {
        self.renderer
    }

    /// What the effect needs from the tracker.
    pub fn capabilities(&self) -> &Capabilities {
        self.scene.capabilities()
    }

    /// The tracker configuration the effect's capabilities ask for (`None`: no tracking).
    pub fn tracker_config(&self) -> Option<lantern_track::TrackerConfig> {
        crate::tracking::tracker_config(self.scene.capabilities())
    }

    /// The scene (layer states, script status), for monitors, tests and the Studio.
    pub fn scene(&self) -> &Scene {
        &self.scene
    }

    /// The scene, to change it from outside (host controls).
    pub fn scene_mut(&mut self) -> &mut Scene {
        &mut self.scene
    }

    /// The device the player renders on (another player can share it).
    pub fn gpu(&self) -> &Gpu {
        self.renderer.gpu()
    }

    /// Frames per second of the effect's clock.
    pub fn fps(&self) -> f32 {
        self.scene.fps()
    }

    /// Output size.
    pub fn size(&self) -> [u32; 2] {
        self.renderer.size()
    }

    /// Gives the next [`EffectPlayer::frame`] a person mask (one byte per pixel, 255 = person,
    /// in the camera frame's geometry) for background blur/replace layers. Without one, those
    /// layers are skipped.
    pub fn set_person_mask(&mut self, width: u32, height: u32, mask: &[u8]) -> Result<()> {
        let expected = width as usize * height as usize;
        if mask.len() != expected || expected == 0 {
            return Err(EngineError::PersonMask {
                width,
                height,
                expected,
                got: mask.len(),
            });
        }
        let rgba: Vec<u8> = mask.iter().flat_map(|&m| [m, m, m, 255]).collect();
        match self.mask {
            Some((id, s)) if s == [width, height] => self.renderer.update_texture(id, &rgba)?,
            _ => {
                let id = self
                    .renderer
                    .upload_rgba("person mask", width, height, &rgba)?;
                self.mask = Some((id, [width, height]));
            }
        }
        self.mask_fresh = true;
        self.shared_mask = None;
        Ok(())
    }

    /// [`Self::set_person_mask`] for the tracker's shared mask: the same mask again (the
    /// tracker reuses it between segmentation runs, a photo has one) only marks it as this
    /// frame's, without converting and uploading it again.
    pub fn set_shared_person_mask(&mut self, mask: &Arc<PersonMask>) -> Result<()> {
        if self.mask.is_some()
            && self
                .shared_mask
                .as_ref()
                .is_some_and(|m| Arc::ptr_eq(m, mask))
        {
            self.mask_fresh = true;
            return Ok(());
        }
        self.set_person_mask(mask.width, mask.height, &mask.data)?;
        self.shared_mask = Some(Arc::clone(mask));
        Ok(())
    }

    /// Runs one frame and renders it (blocking readback).
    pub fn frame(&mut self, input: &PlayerInput<'_>, format: PixelFormat) -> Result<FrameData> {
        let background = self.upload_camera(input.camera)?;
        let mask = self.mask.filter(|_| self.mask_fresh).map(|(id, _)| id);
        self.mask_fresh = false;
        let draw = self
            .scene
            .step(&mut self.renderer, input, background, mask)?;
        let mut data = self.renderer.render(&draw, format)?;
        data.hotzones
            .extend(self.scene.report().extra_zones.iter().cloned());
        Ok(data)
    }

    /// Log lines from the script since the last call.
    pub fn drain_logs(&mut self) -> Vec<LogEntry> {
        self.scene.drain_logs()
    }

    fn upload_camera(&mut self, camera: CameraFrame<'_>) -> Result<(TextureId, [u32; 2])> {
        let size = [camera.width, camera.height];
        let expected = camera.width as usize * camera.height as usize * 4;
        if camera.rgba.len() != expected || expected == 0 {
            return Err(EngineError::CameraFrame {
                width: camera.width,
                height: camera.height,
                expected,
                got: camera.rgba.len(),
            });
        }
        match self.camera {
            Some((id, s)) if s == size => self.renderer.update_texture(id, camera.rgba)?,
            _ => {
                let id = self.renderer.upload_rgba(
                    "camera",
                    camera.width,
                    camera.height,
                    camera.rgba,
                )?;
                self.camera = Some((id, size));
            }
        }
        self.camera.ok_or_else(|| EngineError::CameraFrame {
            width: camera.width,
            height: camera.height,
            expected,
            got: camera.rgba.len(),
        })
    }
}
