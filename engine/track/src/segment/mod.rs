//! Person segmentation for background blur and replacement (MediaPipe selfie segmentation).
//!
//! ```text
//! frame ─ pick model by aspect ─ letterbox into 256x256 (square) or 256x144 (landscape), RGB 0..1
//!         (a box filter when shrinking)
//!       ─ model → person probability per model pixel (sigmoid)
//!       ─ temporal smoothing against the last map (undecided pixels damped; off for stills)
//!       ─ bilinear upsampling back to the frame's geometry, letterbox undone → PersonMask
//! ```
//!
//! [`SegmentModel::Auto`] uses the landscape model for frames wider than 4:3 (16:9 video) and
//! the square one otherwise; both are loaded through [`Models`] (found and sha256-verified).
//! [`crate::Tracker`] runs a [`Segmenter`] when `TrackerConfig::segmentation` is on.

mod letterbox;
mod mask;
mod resample;

pub use mask::PersonMask;

use crate::error::TrackError;
use crate::frame::FrameView;
use crate::models::Models;
use crate::roi::Roi;
use crate::runtime::{OnnxModel, expect_outputs};

/// The square model file (256x256 input).
pub const SQUARE_MODEL: &str = "mp_selfie_segmentation.onnx";
/// The landscape model file (256x144 input).
pub const LANDSCAPE_MODEL: &str = "mp_selfie_segmentation_landscape.onnx";
const SQUARE: (usize, usize) = (256, 256);
const LANDSCAPE: (usize, usize) = (256, 144);
/// Frames wider than this (width / height) go to the landscape model in `Auto`: at 4:3 both
/// models waste the same share of their input on padding.
const LANDSCAPE_ABOVE: f32 = 4.0 / 3.0 + 0.01;

/// Which model to run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SegmentModel {
    /// By the frame's aspect: landscape for frames wider than 4:3, else square.
    #[default]
    Auto,
    Square,
    Landscape,
}

/// How the segmenter runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SegmenterConfig {
    pub model: SegmentModel,
    /// Temporal smoothing, 0..1: how much of the last mask an undecided pixel keeps (0 = off,
    /// for stills and unrelated frames).
    pub smoothing: f32,
    /// Intra-op threads.
    pub threads: usize,
}

impl Default for SegmenterConfig {
    fn default() -> Self {
        Self {
            model: SegmentModel::Auto,
            smoothing: 0.6,
            threads: 1,
        }
    }
}

/// Milliseconds spent in each step of the last [`Segmenter::segment`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SegmentTimes {
    /// Letterboxing the frame into the model input.
    pub prepare: f32,
    pub infer: f32,
    /// Smoothing and upsampling to the frame.
    pub upsample: f32,
    /// Whether the landscape model ran.
    pub landscape: bool,
}

/// The state the smoothing carries from one frame to the next.
#[derive(Debug)]
struct Previous {
    landscape: bool,
    frame: (u32, u32),
    map: Vec<f32>,
}

/// Person masks, frame after frame.
#[derive(Debug)]
pub struct Segmenter {
    cfg: SegmenterConfig,
    square: Option<OnnxModel>,
    landscape: Option<OnnxModel>,
    input: Vec<f32>,
    /// Scratch lines for the letterbox and the upsampling.
    scratch: Vec<f32>,
    prev: Option<Previous>,
    times: SegmentTimes,
}

impl Segmenter {
    /// Loads the model(s) `cfg.model` needs (both for `Auto`).
    pub fn new(models: &Models, cfg: SegmenterConfig) -> Result<Self, TrackError> {
        let load = |file| OnnxModel::load(models, file, cfg.threads);
        let square = match cfg.model {
            SegmentModel::Auto | SegmentModel::Square => Some(load(SQUARE_MODEL)?),
            SegmentModel::Landscape => None,
        };
        let landscape = match cfg.model {
            SegmentModel::Auto | SegmentModel::Landscape => Some(load(LANDSCAPE_MODEL)?),
            SegmentModel::Square => None,
        };
        Ok(Self {
            cfg,
            square,
            landscape,
            input: Vec::new(),
            scratch: Vec::new(),
            prev: None,
            times: SegmentTimes::default(),
        })
    }

    pub fn config(&self) -> &SegmenterConfig {
        &self.cfg
    }

    /// Forgets the last mask (a scene cut, or unrelated images): the next one is not smoothed.
    pub fn reset(&mut self) {
        self.prev = None;
    }

    /// What the last frame cost.
    pub fn last_times(&self) -> SegmentTimes {
        self.times
    }

    /// Whether `frame` goes to the landscape model.
    fn use_landscape(&self, frame: &FrameView<'_>) -> bool {
        match (&self.square, &self.landscape) {
            (Some(_), Some(_)) => frame.width() as f32 / frame.height() as f32 > LANDSCAPE_ABOVE,
            (None, Some(_)) => true,
            _ => false,
        }
    }

    /// The person mask of `frame`, in the frame's geometry.
    pub fn segment(&mut self, frame: &FrameView<'_>) -> Result<PersonMask, TrackError> {
        let start = std::time::Instant::now();
        let landscape = self.use_landscape(frame);
        let ((mw, mh), file, model) = if landscape {
            (LANDSCAPE, LANDSCAPE_MODEL, self.landscape.as_mut())
        } else {
            (SQUARE, SQUARE_MODEL, self.square.as_mut())
        };
        let model = model.ok_or_else(|| TrackError::Frame(format!("{file} is not loaded")))?;
        let (fw, fh) = (frame.width(), frame.height());
        let lb = Roi::letterbox_aspect(fw, fh, mw as f32 / mh as f32);
        letterbox::letterbox(frame, &lb, (mw, mh), &mut self.scratch, &mut self.input);
        let prepared = std::time::Instant::now();
        let out = model.run(&self.input, &[1, mh, mw, 3])?;
        expect_outputs(file, &out, &[mw * mh])?;
        let inferred = std::time::Instant::now();
        let mut probs = out.into_iter().next().unwrap_or_default();
        probs.truncate(mw * mh);
        let smoothing = self.cfg.smoothing;
        match self.prev.as_mut() {
            Some(p) if smoothing > 0.0 && p.landscape == landscape && p.frame == (fw, fh) => {
                resample::smooth(&mut p.map, &probs, smoothing);
            }
            _ => {
                self.prev = Some(Previous {
                    landscape,
                    frame: (fw, fh),
                    map: probs,
                });
            }
        }
        let mut data = Vec::new();
        if let Some(p) = &self.prev {
            resample::upsample(
                &p.map,
                (mw, mh),
                &lb,
                (fw, fh),
                &mut self.scratch,
                &mut data,
            );
        }
        let ms = |a: std::time::Instant, b: std::time::Instant| (b - a).as_secs_f32() * 1e3;
        let done = std::time::Instant::now();
        self.times = SegmentTimes {
            prepare: ms(start, prepared),
            infer: ms(prepared, inferred),
            upsample: ms(inferred, done),
            landscape,
        };
        Ok(PersonMask {
            width: fw,
            height: fh,
            data,
        })
    }
}
