//! Getting the next effect ready away from the frame loop.
//!
//! Switching effects while live must not cost a frame. What takes long in a switch happens
//! here, on the caller's thread (a control client's, the Studio's): the package was read and
//! checked there already, and [`Warmer::warm`] builds the new effect's renderer on the running
//! device (its pipelines: compiling shaders is most of a swap on a software rasteriser) — or
//! recycles the renderer of the effect last switched away from, whose pipelines are compiled
//! already ([`SpareRenderer`]) — and loads the tracking models it needs when they differ from the
//! ones running, or takes them back from the driver's [`Shelf`], where the trackers of effects
//! switched away from stay loaded. A switch back and forth between effects thus costs neither a
//! shader compile nor a model load. The effect's sounds are decoded here too. The loop's
//! [`super::Driver::replace_effect`] then only uploads the effect's textures, starts its script
//! and, with new models, starts the tracker's thread.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use effect_schema::Package;
use lantern_render::{Gpu, Renderer, RendererConfig};
use lantern_track::{Models, Shelf, Tracker, TrackerConfig};

use super::DriverOptions;
use super::background;
use super::tracking::{LiveTracking, TrackingSpec, wanted_config};
use crate::audio::SoundBank;
use crate::error::{EngineError, Result};

/// An effect ready to be swapped in: its package and, when it needs other models than the
/// running ones, its tracker, loaded; its sounds decoded.
pub struct WarmEffect {
    pub(crate) package: Package,
    /// Its `audio` assets, decoded (`None` for a cold effect: whoever plays its sound decodes).
    pub(crate) sound: Option<Arc<SoundBank>>,
    pub(crate) tracker: Option<Tracker>,
    /// Its renderer, on the driver's device, at the driver's output size.
    pub(crate) renderer: Option<Renderer>,
}

impl std::fmt::Debug for WarmEffect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmEffect")
            .field("effect", &self.package.effect.meta.name)
            .field("sound", &self.sound.is_some())
            .field("tracker", &self.tracker.is_some())
            .field("renderer", &self.renderer.is_some())
            .finish()
    }
}

impl WarmEffect {
    /// The package as it is, nothing loaded ahead (the swap loads what it needs).
    pub fn cold(package: Package) -> Self {
        Self {
            package,
            sound: None,
            tracker: None,
            renderer: None,
        }
    }

    /// Its decoded sounds, when it was warmed (for whoever plays its sound).
    pub fn take_sound(&mut self) -> Option<Arc<SoundBank>> {
        self.sound.take()
    }

    pub fn package(&self) -> &Package {
        &self.package
    }

    /// Whether models were loaded ahead for it.
    pub fn has_tracker(&self) -> bool {
        self.tracker.is_some()
    }
}

/// What another thread needs to warm effects for one driver: its tracking settings and the
/// models it runs now. Cheap to clone; `Send`.
#[derive(Clone)]
pub struct Warmer {
    spec: TrackingSpec,
    still: bool,
    live: LiveTracking,
    running: RunningModels,
    shelf: Shelf,
    spare: SpareRenderer,
    gpu: Gpu,
    output: RendererConfig,
}

impl std::fmt::Debug for Warmer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Warmer")
            .field("spec", &self.spec)
            .field("still", &self.still)
            .finish_non_exhaustive()
    }
}

/// The configuration of the tracker a driver runs now, shared with its warmers.
pub(crate) type RunningModels = Arc<Mutex<Option<TrackerConfig>>>;

/// The renderer of the effect last switched away from, kept for the next switch: recycled
/// ([`Renderer::recycle`]), it draws the next effect with no pipeline to compile.
#[derive(Clone, Default)]
pub(crate) struct SpareRenderer(Arc<Mutex<Option<Renderer>>>);

impl SpareRenderer {
    pub(crate) fn put(&self, renderer: Renderer) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some(renderer);
    }

    /// The spare, recycled; `None` when there is none (or it could not be recycled).
    pub(crate) fn take_recycled(&self) -> Option<Renderer> {
        let mut renderer = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()?;
        match renderer.recycle() {
            Ok(()) => Some(renderer),
            Err(e) => {
                tracing::warn!("the last effect's renderer is not reused: {e}");
                None
            }
        }
    }
}

impl Warmer {
    pub(crate) fn new(
        options: &DriverOptions,
        running: RunningModels,
        (shelf, spare): (Shelf, SpareRenderer),
        gpu: Gpu,
    ) -> Self {
        let output = RendererConfig::new(options.player.width, options.player.height);
        Self {
            spec: options.tracking.clone(),
            still: options.still,
            live: options.live.clone(),
            running,
            shelf,
            spare,
            gpu,
            output,
        }
    }

    /// Builds `package`'s renderer and loads what it needs that the driver does not run yet
    /// (its tracking models). A model that does not load is the error, and the running effect is
    /// untouched.
    pub fn warm(&self, package: Package) -> Result<WarmEffect> {
        background::run("lantern-warm", || self.warm_here(package)).map_err(|e| {
            EngineError::Thread {
                thread: "lantern-warm",
                message: e.to_string(),
            }
        })?
    }

    fn warm_here(&self, mut package: Package) -> Result<WarmEffect> {
        let ts = Instant::now();
        let sound = Arc::new(SoundBank::load(&mut package)?);
        let t0 = Instant::now();
        let (renderer, made) = match self.spare.take_recycled() {
            Some(r) => (r, "recycled"),
            None => (Renderer::with_gpu(self.gpu.clone(), self.output)?, "built"),
        };
        let t1 = Instant::now();
        let (tracker, how) = match self.models_for(&package) {
            Some(config) => match self.shelf.take(&config) {
                Some(kept) => (Some(kept), "kept loaded"),
                None => (Some(Tracker::new(&Models::discover(), config)?), "loaded"),
            },
            None => (None, "running already"),
        };
        tracing::info!(
            "warmed {:?}: sounds {:.0} ms, renderer {made} {:.0} ms, tracking models {how} {:.0} ms",
            package.effect.meta.name,
            (t0 - ts).as_secs_f64() * 1000.0,
            (t1 - t0).as_secs_f64() * 1000.0,
            t1.elapsed().as_secs_f64() * 1000.0
        );
        Ok(WarmEffect {
            package,
            sound: Some(sound),
            tracker,
            renderer: Some(renderer),
        })
    }

    /// The tracker configuration `package` needs when the driver does not run it already.
    fn models_for(&self, package: &Package) -> Option<TrackerConfig> {
        if self.spec != TrackingSpec::Models {
            return None;
        }
        let needs = crate::tracking::tracker_config(&package.capabilities());
        let wanted = wanted_config(needs, self.still, &self.live)?;
        let running = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        (running.as_ref() != Some(&wanted)).then_some(wanted)
    }
}
