//! Live figures of a push: what each stage did, what it cost, what was dropped where.
//!
//! Stages add to [`Stats`] (atomic counters and per-stage millisecond samples) as they work; a
//! reporter calls [`Stats::report`] every few seconds and gets a [`Report`] for that interval:
//! fps in/out, frames dropped by stage, ms per stage (p50/p99), bitrate, CPU share (whole
//! process and per named thread, from `/proc`), reconnects and the link state. A report prints
//! as one human line or one JSON object (`--stats-json`).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::reconnect::Link;

/// Where time is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Reading/decoding the source frame.
    Capture,
    /// Waiting for this frame's tracking result (the tracker itself runs on its own thread).
    TrackWait,
    /// The tracker's own time per tracked frame.
    Track,
    /// Scene update + script + GPU render + NV12 readback.
    Render,
    /// Colour conversion + x264 + AAC.
    Encode,
    /// Writing packets to the connection.
    Send,
    /// Capture to sent, per video frame (the pipeline's latency).
    Latency,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Capture,
        Stage::TrackWait,
        Stage::Track,
        Stage::Render,
        Stage::Encode,
        Stage::Send,
        Stage::Latency,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Capture => "capture",
            Stage::TrackWait => "track_wait",
            Stage::Track => "track",
            Stage::Render => "render",
            Stage::Encode => "encode",
            Stage::Send => "send",
            Stage::Latency => "latency",
        }
    }
}

/// Counters; each is a running total.
#[derive(Debug, Default)]
pub struct Counters {
    /// Frames the source delivered (at the output rate).
    pub captured: AtomicU64,
    /// Clock ticks the capture stage missed because it was late (source slower than real time).
    pub dropped_capture: AtomicU64,
    /// Frames the tracker was busy for (they reuse the last result; not dropped from the video).
    pub track_skipped: AtomicU64,
    /// Frames rendered.
    pub rendered: AtomicU64,
    /// Frames encoded.
    pub encoded: AtomicU64,
    /// Video frames written to the output.
    pub sent: AtomicU64,
    /// Video frames dropped in front of the send stage (queue overflow, or offline).
    pub dropped_send: AtomicU64,
    /// Bytes written (video + audio).
    pub bytes_sent: AtomicU64,
    /// Video bytes written.
    pub video_bytes: AtomicU64,
    /// Frames whose encode carried ROI rectangles.
    pub roi_frames: AtomicU64,
    /// Successful reconnects.
    pub reconnects: AtomicU64,
}

/// Shared by all stages.
#[derive(Debug)]
pub struct Stats {
    pub counters: Counters,
    samples: Mutex<BTreeMap<Stage, Vec<f32>>>,
    link: Mutex<Link>,
    started: Instant,
}

/// Samples kept per stage between two reports (older ones are enough for p50/p99).
const MAX_SAMPLES: usize = 20_000;

impl Default for Stats {
    fn default() -> Self {
        Self::new()
    }
}

impl Stats {
    pub fn new() -> Self {
        Self {
            counters: Counters::default(),
            samples: Mutex::new(BTreeMap::new()),
            link: Mutex::new(Link::Connecting),
            started: Instant::now(),
        }
    }

    /// Adds one measurement of `stage`.
    pub fn time(&self, stage: Stage, took: Duration) {
        let mut s = self.samples.lock().unwrap_or_else(PoisonError::into_inner);
        let v = s.entry(stage).or_default();
        if v.len() < MAX_SAMPLES {
            v.push(took.as_secs_f32() * 1e3);
        }
    }

    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    /// The link state shown in reports.
    pub fn set_link(&self, state: Link) {
        *self.link.lock().unwrap_or_else(PoisonError::into_inner) = state;
    }

    pub fn link(&self) -> Link {
        *self.link.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Seconds since the pipeline started.
    pub fn uptime(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// The figures since `prev` (which is updated), with the drops of the queues given.
    pub fn report(&self, prev: &mut Totals, queue_drops: QueueDrops) -> Report {
        let now = Totals::read(self, queue_drops);
        let dt = now.at.duration_since(prev.at).as_secs_f64().max(1e-3);
        let per_s = |a: u64, b: u64| a.saturating_sub(b) as f64 / dt;
        let mut samples =
            std::mem::take(&mut *self.samples.lock().unwrap_or_else(PoisonError::into_inner));
        let ms = samples
            .iter_mut()
            .filter(|(_, v)| !v.is_empty())
            .map(|(stage, v)| (stage.name(), Percentiles::of(v)))
            .collect();
        let cpu = cpu::sample();
        let report = Report {
            uptime_s: self.uptime(),
            interval_s: dt,
            fps_in: per_s(now.captured, prev.captured),
            fps_out: per_s(now.sent, prev.sent),
            kbps: per_s(now.bytes_sent, prev.bytes_sent) * 8.0 / 1000.0,
            video_kbps: per_s(now.video_bytes, prev.video_bytes) * 8.0 / 1000.0,
            dropped: now.dropped(),
            dropped_interval: now.dropped_since(prev),
            track_skipped: now.track_skipped,
            frames_sent: now.sent,
            roi_frames: now.roi_frames,
            reconnects: now.reconnects,
            link: self.link(),
            ms,
            cpu_percent: cpu.as_ref().map(|c| c.process_since(prev.cpu.as_ref())),
            cpu_threads: cpu
                .as_ref()
                .map(|c| c.threads_since(prev.cpu.as_ref()))
                .unwrap_or_default(),
            rss_mib: resident_mib(),
        };
        *prev = Totals { cpu, ..now };
        report
    }
}

/// Frames dropped by the queues in front of a stage (the queues count them).
#[derive(Clone, Copy, Debug, Default)]
pub struct QueueDrops {
    /// In front of render (render was late).
    pub render: u64,
    /// In front of encode (encode was late).
    pub encode: u64,
    /// In front of send (the network was too slow).
    pub send: u64,
}

/// Running totals at one instant (the base of the next report).
#[derive(Clone, Debug)]
pub struct Totals {
    at: Instant,
    captured: u64,
    sent: u64,
    bytes_sent: u64,
    video_bytes: u64,
    track_skipped: u64,
    roi_frames: u64,
    reconnects: u64,
    drops: [u64; 4],
    cpu: Option<cpu::Sample>,
}

impl Totals {
    /// Zero, now (the start of the first interval).
    pub fn start() -> Self {
        Self {
            at: Instant::now(),
            captured: 0,
            sent: 0,
            bytes_sent: 0,
            video_bytes: 0,
            track_skipped: 0,
            roi_frames: 0,
            reconnects: 0,
            drops: [0; 4],
            cpu: cpu::sample(),
        }
    }

    fn read(stats: &Stats, q: QueueDrops) -> Self {
        let c = &stats.counters;
        let get = |a: &AtomicU64| a.load(Ordering::Relaxed);
        Self {
            at: Instant::now(),
            captured: get(&c.captured),
            sent: get(&c.sent),
            bytes_sent: get(&c.bytes_sent),
            video_bytes: get(&c.video_bytes),
            track_skipped: get(&c.track_skipped),
            roi_frames: get(&c.roi_frames),
            reconnects: get(&c.reconnects),
            drops: [
                get(&c.dropped_capture),
                q.render,
                q.encode,
                get(&c.dropped_send) + q.send,
            ],
            cpu: None,
        }
    }

    fn dropped(&self) -> Dropped {
        let [capture, render, encode, send] = self.drops;
        Dropped {
            capture,
            render,
            encode,
            send,
        }
    }

    fn dropped_since(&self, prev: &Self) -> Dropped {
        let d = |i: usize| self.drops[i].saturating_sub(prev.drops[i]);
        Dropped {
            capture: d(0),
            render: d(1),
            encode: d(2),
            send: d(3),
        }
    }
}

/// Frames dropped, by the stage that was late.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(into = "DroppedJson")]
pub struct Dropped {
    /// The source could not keep up with the clock.
    pub capture: u64,
    /// Waiting for the render stage.
    pub render: u64,
    /// Waiting for the encoder.
    pub encode: u64,
    /// Waiting for the network, or offline.
    pub send: u64,
}

impl Dropped {
    pub fn total(&self) -> u64 {
        self.capture + self.render + self.encode + self.send
    }
}

/// [`Dropped`] as reports write it: with the total.
#[derive(Serialize)]
struct DroppedJson {
    capture: u64,
    render: u64,
    encode: u64,
    send: u64,
    total: u64,
}

impl From<Dropped> for DroppedJson {
    fn from(d: Dropped) -> Self {
        Self {
            capture: d.capture,
            render: d.render,
            encode: d.encode,
            send: d.send,
            total: d.total(),
        }
    }
}

/// Median and 99th percentile, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Percentiles {
    #[serde(serialize_with = "round2_f32")]
    pub p50: f32,
    #[serde(serialize_with = "round2_f32")]
    pub p99: f32,
    pub n: usize,
}

impl Percentiles {
    pub fn of(v: &mut [f32]) -> Self {
        v.sort_by(f32::total_cmp);
        let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
        Self {
            p50: at(0.5),
            p99: at(0.99),
            n: v.len(),
        }
    }
}

/// The figures of one interval; serialised, what `--stats-json` writes (one object a line,
/// figures rounded to two decimals).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    #[serde(serialize_with = "round2")]
    pub uptime_s: f64,
    #[serde(serialize_with = "round2")]
    pub interval_s: f64,
    #[serde(serialize_with = "round2")]
    pub fps_in: f64,
    #[serde(serialize_with = "round2")]
    pub fps_out: f64,
    /// Output bitrate (video + audio), kbit/s.
    #[serde(serialize_with = "round2")]
    pub kbps: f64,
    /// Video bitrate, kbit/s.
    #[serde(serialize_with = "round2")]
    pub video_kbps: f64,
    /// Totals since the start.
    pub dropped: Dropped,
    /// In this interval.
    pub dropped_interval: Dropped,
    pub track_skipped: u64,
    pub frames_sent: u64,
    pub roi_frames: u64,
    pub reconnects: u64,
    pub link: Link,
    /// Milliseconds per stage.
    pub ms: BTreeMap<&'static str, Percentiles>,
    /// Process CPU time over wall time, in % of one core (200 = both cores of a 2-core box).
    #[serde(serialize_with = "round2_option")]
    pub cpu_percent: Option<f64>,
    /// The same per thread name (`render`, `encode`, `track`, `llvmpipe-0`, …).
    #[serde(serialize_with = "round2_map")]
    pub cpu_threads: BTreeMap<String, f64>,
    /// Resident memory of the process, MiB (Linux; flat over a long push).
    #[serde(serialize_with = "round2_option")]
    pub rss_mib: Option<f64>,
}

impl Report {
    /// One line for the log.
    pub fn line(&self) -> String {
        let ms: Vec<String> = self
            .ms
            .iter()
            .map(|(k, p)| format!("{k} {:.1}/{:.1}", p.p50, p.p99))
            .collect();
        let d = self.dropped;
        format!(
            "{:.0}s {} | fps in {:.1} out {:.1} | {:.0} kbit/s | dropped capture {} render {} encode {} send {} | ms p50/p99 {} | cpu {} | rss {} | reconnects {}",
            self.uptime_s,
            self.link,
            self.fps_in,
            self.fps_out,
            self.kbps,
            d.capture,
            d.render,
            d.encode,
            d.send,
            ms.join(", "),
            self.cpu_percent
                .map_or_else(|| "?".to_owned(), |c| format!("{c:.0}%")),
            self.rss_mib
                .map_or_else(|| "?".to_owned(), |m| format!("{m:.0} MiB")),
            self.reconnects
        )
    }
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference to the field"
)]
fn round2<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round(*x))
}

#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's serialize_with passes a reference to the field"
)]
fn round2_f32<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round(f64::from(*x)))
}

#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with passes a reference to the field"
)]
fn round2_option<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => s.serialize_some(&round(*x)),
        None => s.serialize_none(),
    }
}

fn round2_map<S: serde::Serializer>(m: &BTreeMap<String, f64>, s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(m.iter().map(|(k, v)| (k, round(*v))))
}

/// CPU seconds this process has used so far (all threads; Linux, else `None`): benchmarks
/// divide its difference by frames for CPU ms per frame.
pub fn process_cpu_seconds() -> Option<f64> {
    cpu::process_seconds()
}

/// The process's resident memory in MiB, from `VmRSS` in `/proc/self/status` (Linux; `None`
/// elsewhere).
fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

mod cpu {
    //! CPU time from `/proc/self/stat` and `/proc/self/task/*/stat` (Linux; `None` elsewhere).
    //! Times are in clock ticks of 1/100 s (USER_HZ, 100 on every Linux we run on).

    use std::collections::BTreeMap;
    use std::time::Instant;

    const TICKS_PER_S: f64 = 100.0;

    #[derive(Clone, Debug)]
    pub struct Sample {
        at: Instant,
        process: u64,
        /// Ticks per thread name, summed over threads of that name (tid → (name, ticks)).
        threads: BTreeMap<u32, (String, u64)>,
    }

    /// utime + stime and the name of a `stat` line (`pid (comm) state … utime stime …`).
    fn parse(stat: &str) -> Option<(String, u64)> {
        let open = stat.find('(')?;
        let close = stat.rfind(')')?;
        let name = stat.get(open + 1..close)?.to_owned();
        let fields: Vec<&str> = stat.get(close + 2..)?.split_whitespace().collect();
        // After "pid (comm) ", field 3 (state) is index 0; utime is field 14, stime 15.
        let utime: u64 = fields.get(11)?.parse().ok()?;
        let stime: u64 = fields.get(12)?.parse().ok()?;
        Some((name, utime + stime))
    }

    /// CPU seconds the whole process has used (all threads, user + system).
    pub fn process_seconds() -> Option<f64> {
        let (_, ticks) = parse(&std::fs::read_to_string("/proc/self/stat").ok()?)?;
        Some(ticks as f64 / TICKS_PER_S)
    }

    pub fn sample() -> Option<Sample> {
        let (_, process) = parse(&std::fs::read_to_string("/proc/self/stat").ok()?)?;
        let mut threads = BTreeMap::new();
        if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
            for entry in dir.flatten() {
                let Some(tid) = entry.file_name().to_str().and_then(|s| s.parse().ok()) else {
                    continue;
                };
                if let Some(t) = std::fs::read_to_string(entry.path().join("stat"))
                    .ok()
                    .and_then(|s| parse(&s))
                {
                    threads.insert(tid, t);
                }
            }
        }
        Some(Sample {
            at: Instant::now(),
            process,
            threads,
        })
    }

    impl Sample {
        fn secs(&self, prev: Option<&Sample>) -> f64 {
            prev.map_or(0.0, |p| {
                self.at.duration_since(p.at).as_secs_f64().max(1e-3)
            })
        }

        /// % of one core used by the process since `prev`.
        pub fn process_since(&self, prev: Option<&Sample>) -> f64 {
            let Some(p) = prev else { return 0.0 };
            let ticks = self.process.saturating_sub(p.process) as f64;
            ticks / TICKS_PER_S / self.secs(prev) * 100.0
        }

        /// % of one core per thread name since `prev` (threads that did not exist then count
        /// from zero).
        pub fn threads_since(&self, prev: Option<&Sample>) -> BTreeMap<String, f64> {
            let secs = self.secs(prev);
            let mut out: BTreeMap<String, f64> = BTreeMap::new();
            let Some(p) = prev else { return out };
            for (tid, (name, ticks)) in &self.threads {
                let before = p.threads.get(tid).map_or(0, |t| t.1);
                let share = ticks.saturating_sub(before) as f64 / TICKS_PER_S / secs * 100.0;
                // Group numbered worker threads (llvmpipe-0, llvmpipe-1, …) under one name.
                let group = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
                *out.entry(group.to_owned()).or_default() += share;
            }
            out.retain(|_, v| *v >= 0.5);
            out
        }
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn parses_a_stat_line_with_spaces_in_the_name() {
            let line = "42 (my thread (1)) S 1 2 3 4 5 6 7 8 9 10 250 30 0 0";
            assert_eq!(super::parse(line), Some(("my thread (1)".to_owned(), 280)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_report() {
        let mut v: Vec<f32> = (1..=100).map(|i| i as f32).collect();
        let p = Percentiles::of(&mut v);
        assert_eq!((p.p50, p.p99, p.n), (51.0, 99.0, 100));
        let stats = Stats::new();
        stats.time(Stage::Encode, Duration::from_millis(8));
        Stats::add(&stats.counters.sent, 30);
        Stats::add(&stats.counters.dropped_send, 2);
        let mut prev = Totals::start();
        let r = stats.report(
            &mut prev,
            QueueDrops {
                render: 1,
                ..QueueDrops::default()
            },
        );
        assert_eq!(r.dropped.total(), 3);
        assert_eq!(r.frames_sent, 30);
        let j = serde_json::to_value(&r).unwrap();
        assert_eq!(j["link"], "connecting");
        assert_eq!(j["dropped"]["total"], 3);
        assert_eq!(j["dropped"]["render"], 1);
        assert!(j["ms"]["encode"]["p50"].as_f64().unwrap() >= 8.0);
        assert!(r.line().contains("encode 8."), "{}", r.line());
        // The next interval starts from these totals.
        let r2 = stats.report(&mut prev, QueueDrops::default());
        assert_eq!(r2.dropped_interval.send, 0);
        assert!(r2.ms.is_empty());
    }
}
