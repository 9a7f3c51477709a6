//! Following faces from frame to frame: detection frames, tracking frames, ids and events.
//!
//! A [`FaceTracks`] holds one track per face. Each frame the mesh runs on every track's crop
//! (taken from the previous mesh); a track whose mesh loses the face is dropped. On detection
//! frames BlazeFace runs too (and the full-range far scan when it finds nothing, or for groups:
//! [`super::find`]), and detections not already covered by a track start new tracks (a new id,
//! a `found` event). Expressions go through hysteresis latches so `mouthOpen`,
//! `blink`, `browsRaised` and `smile` begin and end once.

use effect_schema::tracking::{Face, FaceEvent, Point2, Rect};
use effect_schema::vocab::{FaceEventKind, Phase};

use crate::config::TrackerConfig;
use crate::detect::face::{FaceDetection, FaceDetector};
use crate::detect::far::FarScan;
use crate::error::TrackError;
use crate::face::features;
use crate::face::find::Finder;
use crate::face::head_motion::HeadMotion;
use crate::face::iris::{Eyes, Iris};
use crate::face::mesh::{FaceMesh, Mesh, mesh_roi};
use crate::face::pose;
use crate::frame::FrameView;
use crate::phase::{Hysteresis, Latch};
use crate::roi::Roi;
use crate::smoothing::PointsFilter;

/// Below this face-presence score the mesh has lost the face.
const PRESENCE: f32 = 0.5;

struct Track {
    id: u32,
    roi: Roi,
    filter: PointsFilter,
    eyes: Option<Eyes>,
    motion: HeadMotion,
    latches: [Latch<FaceEventKind>; 6],
    on: [bool; 4],
    new: bool,
}

impl Track {
    /// A new face's track, from its first mesh's crop.
    fn new(id: u32, roi: Roi) -> Self {
        Self {
            id,
            roi,
            filter: PointsFilter::default(),
            eyes: None,
            motion: HeadMotion::default(),
            latches: Default::default(),
            on: [false; 4],
            new: true,
        }
    }
}

/// The models and the live tracks.
pub struct FaceTracks {
    /// BlazeFace short range, and the far scan when it is worth its cost.
    finder: Finder,
    mesh: Option<FaceMesh>,
    iris: Option<Iris>,
    tracks: Vec<Track>,
    next_id: u32,
}

impl std::fmt::Debug for FaceTracks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaceTracks")
            .field("tracks", &self.tracks.len())
            .finish_non_exhaustive()
    }
}

fn iou(a: &Rect, b: &Rect) -> f32 {
    let ix = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    let iy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
    if ix <= 0.0 || iy <= 0.0 {
        return 0.0;
    }
    ix * iy / (a.w * a.h + b.w * b.h - ix * iy)
}

fn mesh_bbox(m: &Mesh) -> Rect {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in &m.points {
        x0 = x0.min(p[0]);
        y0 = y0.min(p[1]);
        x1 = x1.max(p[0]);
        y1 = y1.max(p[1]);
    }
    Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    }
}

/// What the scheduler asks of this frame's face work.
#[derive(Clone, Copy, Debug)]
pub struct FacePlan {
    /// Run the detector.
    pub detect: bool,
    /// Run the iris model (else reuse its last result).
    pub iris: bool,
    /// The frame's time and the time since the previous frame, seconds.
    pub t: f32,
    pub dt: f32,
}

/// Timing of one frame's face work, per model (ms).
#[derive(Clone, Copy, Debug, Default)]
pub struct FaceTimes {
    /// Both detectors (the far scan included).
    pub detect: f32,
    /// The far scan alone, and how many regions it covered (0: it did not run).
    pub far: f32,
    pub far_regions: usize,
    pub mesh: f32,
    pub iris: f32,
}

/// The far scan, or none when its model is not installed (`lantern models fetch` puts it
/// there): far faces are then off, with a warning.
fn far_scan(models: &crate::Models, threads: usize) -> Result<Option<FarScan>, TrackError> {
    match FarScan::new(models, threads) {
        Ok(d) => Ok(Some(d)),
        Err(TrackError::Model(e @ crate::ModelError::Missing { .. })) => {
            tracing::warn!(
                "far faces and groups are off: {}",
                e.to_string().lines().next().unwrap_or("")
            );
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

impl FaceTracks {
    pub fn new(models: &crate::Models, cfg: &TrackerConfig) -> Result<Self, TrackError> {
        Ok(Self {
            finder: Finder::new(
                FaceDetector::new(models, cfg.threads)?,
                if cfg.far_faces {
                    far_scan(models, cfg.threads)?
                } else {
                    None
                },
            ),
            mesh: if cfg.mesh {
                Some(FaceMesh::new(models, cfg.threads)?)
            } else {
                None
            },
            iris: if cfg.mesh && cfg.iris {
                Some(Iris::new(models, cfg.threads)?)
            } else {
                None
            },
            tracks: Vec::new(),
            next_id: 1,
        })
    }

    /// Drops every track (ids keep counting up).
    pub fn reset(&mut self) {
        self.tracks.clear();
    }

    /// Whether no face is tracked.
    pub fn is_empty(&self) -> bool {
        self.tracks.is_empty()
    }

    /// One frame, as the scheduler planned it: follow the tracked faces, look for new ones on
    /// detection frames, keep one track per face, then measure each.
    pub fn step(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        plan: FacePlan,
        times: &mut FaceTimes,
    ) -> Result<Vec<Face>, TrackError> {
        if self.mesh.is_none() {
            return self.detections_only(frame, cfg, times);
        }
        let mut kept = self.follow(frame, times)?;
        if plan.detect && kept.len() < cfg.max_faces {
            self.add_new_faces(frame, cfg, &mut kept, times)?;
        }
        let unique = one_track_per_face(kept);
        self.describe_tracks(frame, cfg, plan, unique, times)
    }

    /// Tracking: re-runs the mesh on each face's crop from its previous mesh; a face whose mesh
    /// says it is gone is dropped.
    fn follow(
        &mut self,
        frame: &FrameView<'_>,
        times: &mut FaceTimes,
    ) -> Result<Vec<(Track, Mesh)>, TrackError> {
        let Some(mesh_model) = self.mesh.as_mut() else {
            return Ok(Vec::new());
        };
        let mut kept = Vec::new();
        for mut tr in std::mem::take(&mut self.tracks) {
            let t0 = std::time::Instant::now();
            let m = mesh_model.run(frame, &tr.roi)?;
            times.mesh += t0.elapsed().as_secs_f32() * 1e3;
            if m.score >= PRESENCE {
                tr.roi = mesh_roi(&m);
                tr.new = false;
                kept.push((tr, m));
            }
        }
        Ok(kept)
    }

    /// Runs the detectors ([`Finder::find`]). Returns the detections and whether the far
    /// scan ran.
    fn detect(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        tracked: &[Rect],
        times: &mut FaceTimes,
    ) -> Result<(Vec<FaceDetection>, usize), TrackError> {
        let t0 = std::time::Instant::now();
        let found = self.finder.find(frame, cfg, tracked)?;
        times.detect += t0.elapsed().as_secs_f32() * 1e3;
        if let Some(r) = self.finder.last_far {
            times.far += r.ms;
            times.far_regions += r.regions;
        }
        Ok(found)
    }

    /// Detection: starts a track for each detected face no track covers, up to `max_faces`.
    fn add_new_faces(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        kept: &mut Vec<(Track, Mesh)>,
        times: &mut FaceTimes,
    ) -> Result<(), TrackError> {
        let boxes: Vec<Rect> = kept.iter().map(|(_, m)| mesh_bbox(m)).collect();
        let (dets, from_near) = self.detect(frame, cfg, &boxes, times)?;
        let Some(mesh_model) = self.mesh.as_mut() else {
            return Ok(());
        };
        for (i, d) in dets.into_iter().enumerate() {
            let far = i >= from_near;
            if kept.len() >= cfg.max_faces {
                break;
            }
            let dr = Rect {
                x: d.x,
                y: d.y,
                w: d.w,
                h: d.h,
            };
            if kept
                .iter()
                .any(|(_, m)| iou(&mesh_bbox(m), &dr) > 0.3 || mesh_bbox(m).contains(dr.center()))
            {
                continue;
            }
            let t0 = std::time::Instant::now();
            let mut m = mesh_model.run(frame, &d.roi())?;
            // A second pass from the mesh's own crop: asked for, or a far face (a few pixels
            // off in the detector's box are much of a small face).
            if (cfg.refine || cfg.refine_faces || far) && m.score >= PRESENCE {
                m = mesh_model.run(frame, &mesh_roi(&m))?;
            }
            times.mesh += t0.elapsed().as_secs_f32() * 1e3;
            // A loose box (two faces in one) can lead the mesh to a face already kept: that
            // one must not take the place of a new face.
            let again = kept
                .iter()
                .any(|(_, k)| iou(&mesh_bbox(k), &mesh_bbox(&m)) >= 0.5);
            if m.score >= PRESENCE && !again {
                kept.push((Track::new(self.next_id, mesh_roi(&m)), m));
                self.next_id += 1;
            }
        }
        Ok(())
    }

    /// Smooths each track's mesh, runs the iris model when planned (or not yet run for this
    /// face), and describes the face; the tracks are kept for the next frame.
    fn describe_tracks(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        plan: FacePlan,
        mut tracks: Vec<(Track, Mesh)>,
        times: &mut FaceTimes,
    ) -> Result<Vec<Face>, TrackError> {
        let mut faces = Vec::with_capacity(tracks.len());
        for (tr, m) in &mut tracks {
            if let Some(s) = &cfg.smoothing {
                let scale = features::scale(m);
                tr.filter.apply(&mut m.points, scale, plan.dt, s);
            }
            if let Some(iris) = self.iris.as_mut()
                && (plan.iris || tr.eyes.is_none())
            {
                let t0 = std::time::Instant::now();
                tr.eyes = Some(iris.run(frame, m)?);
                times.iris += t0.elapsed().as_secs_f32() * 1e3;
            }
            faces.push(describe(tr, m, cfg, plan.t));
        }
        self.tracks = tracks.into_iter().map(|(tr, _)| tr).collect();
        Ok(faces)
    }

    /// Faces from the detector alone (mesh off): box and the keypoint anchors.
    fn detections_only(
        &mut self,
        frame: &FrameView<'_>,
        cfg: &TrackerConfig,
        times: &mut FaceTimes,
    ) -> Result<Vec<Face>, TrackError> {
        let (dets, _) = self.detect(frame, cfg, &[], times)?;
        Ok(dets
            .iter()
            .take(cfg.max_faces)
            .enumerate()
            .map(|(i, d)| detection_face(i as u32 + 1, d))
            .collect())
    }
}

/// Two tracks on one face: keeps the older.
fn one_track_per_face(mut kept: Vec<(Track, Mesh)>) -> Vec<(Track, Mesh)> {
    kept.sort_by_key(|(tr, _)| tr.id);
    let mut unique: Vec<(Track, Mesh)> = Vec::new();
    for (tr, m) in kept {
        if unique
            .iter()
            .all(|(_, u)| iou(&mesh_bbox(u), &mesh_bbox(&m)) < 0.5)
        {
            unique.push((tr, m));
        }
    }
    unique
}

fn detection_face(id: u32, d: &FaceDetection) -> Face {
    use effect_schema::vocab::FaceAnchor as A;
    let p = |(x, y): (f32, f32)| Point2 { x, y };
    let k = &d.keypoints;
    Face {
        id,
        score: d.score,
        bbox: Rect {
            x: d.x,
            y: d.y,
            w: d.w,
            h: d.h,
        },
        scale: ((k[1].0 - k[0].0).powi(2) + (k[1].1 - k[0].1).powi(2)).sqrt(),
        anchors: [
            (A::RightEye, p(k[0])),
            (A::LeftEye, p(k[1])),
            (A::NoseTip, p(k[2])),
            (A::Mouth, p(k[3])),
        ]
        .into(),
        ..Face::default()
    }
}

fn describe(tr: &mut Track, m: &Mesh, cfg: &TrackerConfig, t: f32) -> Face {
    let ratios = features::ratios(m, tr.eyes.as_ref());
    let expressions = features::expressions(&ratios, tr.eyes.is_some());
    let pose = pose::head_pose(m);
    let mut events = Vec::new();
    if tr.new {
        events.push(FaceEvent {
            kind: FaceEventKind::Found,
            phase: Phase::Begin,
        });
    }
    let eye_closed = expressions.left_eye_open.min(expressions.right_eye_open);
    let smile = expressions.smile.unwrap_or(0.0);
    let measures = [
        (
            FaceEventKind::MouthOpen,
            expressions.mouth_open,
            Hysteresis { on: 0.35, off: 0.2 },
        ),
        (
            FaceEventKind::Blink,
            1.0 - eye_closed,
            Hysteresis { on: 0.75, off: 0.5 },
        ),
        (
            FaceEventKind::BrowsRaised,
            expressions.brow_raise,
            Hysteresis { on: 0.6, off: 0.4 },
        ),
        (
            FaceEventKind::Smile,
            smile,
            Hysteresis { on: 0.6, off: 0.4 },
        ),
    ];
    for (k, (kind, v, h)) in measures.into_iter().enumerate() {
        tr.on[k] = h.apply(v, tr.on[k]);
        let raw = tr.on[k].then_some(kind);
        let min = if kind == FaceEventKind::Blink {
            1
        } else {
            cfg.min_frames
        };
        for (kind, phase) in tr.latches[k].update(raw, min) {
            events.push(FaceEvent { kind, phase });
        }
    }
    let motion = tr.motion.update(t, pose.yaw, pose.pitch);
    for (k, kind, on) in [
        (4, FaceEventKind::Nod, motion.nod),
        (5, FaceEventKind::Shake, motion.shake),
    ] {
        for (kind, phase) in tr.latches[k].update(on.then_some(kind), 1) {
            events.push(FaceEvent { kind, phase });
        }
    }
    Face {
        id: tr.id,
        score: m.score,
        bbox: mesh_bbox(m),
        scale: features::scale(m),
        pose,
        anchors: features::anchors(m),
        expressions,
        events,
        landmarks: m
            .points
            .iter()
            .map(|p| effect_schema::tracking::Point3 {
                x: p[0],
                y: p[1],
                z: p[2],
            })
            .collect(),
    }
}
