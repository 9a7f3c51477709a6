//! Figures of the live preview without a window: fps, engine ms, capture-to-message ms and
//! tracking ms, with a stand-in webview that acknowledges every frame at once.
//!
//! ```sh
//! cargo run -p lantern-studio --example preview_bench -- <project dir> <photo or video> \
//!     [seconds=10] [fps=30] [WIDTHxHEIGHT=1280x720] [shrink=1]
//! ```
//! Needs the models (`$LANTERN_MODELS`) and ONNX Runtime (`$ORT_DYLIB_PATH`) for tracking.

use std::path::PathBuf;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::time::{Duration, Instant};

use lantern_studio::preview::{FrameSink, Preview, PreviewOptions, PreviewSource, decode};

struct QueueSink(SyncSender<Vec<u8>>);

impl FrameSink for QueueSink {
    fn send(&self, message: Vec<u8>) -> bool {
        self.0.send(message).is_ok()
    }
}

fn summary(name: &str, mut v: Vec<f64>) {
    if v.is_empty() {
        println!("{name:>16}: no samples");
        return;
    }
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let p95 = v[(v.len() * 95 / 100).min(v.len() - 1)];
    println!(
        "{name:>16}: mean {mean:6.1}  p50 {:6.1}  p95 {p95:6.1}",
        v[v.len() / 2]
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(input)) = (args.first(), args.get(1)) else {
        return Err(
            "usage: preview_bench <project dir> <photo or video> [seconds] [fps] [WxH]".into(),
        );
    };
    let seconds: f64 = args.get(2).map_or(Ok(10.0), |s| s.parse())?;
    let fps: f32 = args.get(3).map_or(Ok(30.0), |s| s.parse())?;
    let (width, height) = match args.get(4).and_then(|s| s.split_once('x')) {
        Some((w, h)) => (w.parse()?, h.parse()?),
        None => (1280, 720),
    };
    let shrink: u32 = args.get(5).map_or(Ok(1), |s| s.parse())?;
    let dir = PathBuf::from(dir);
    let effect = lantern_studio::project::document::open(&dir)?.effect;
    let path = PathBuf::from(input);
    let still = matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("png" | "jpg" | "jpeg" | "webp")
    );
    let source = if still {
        PreviewSource::Photo { path }
    } else {
        PreviewSource::Video { path }
    };
    let (tx, rx) = sync_channel(4);
    let started = Instant::now();
    let options = PreviewOptions {
        width,
        height,
        fps,
        overlay: true,
        shrink,
    };
    let preview = Preview::start(dir, effect, source, options, Box::new(QueueSink(tx)))?;
    println!(
        "started in {:.0} ms ({width}x{height}, aiming at {fps} fps)",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let (mut render, mut frame, mut track, mut fps_seen) = (vec![], vec![], vec![], vec![]);
    let (mut count, mut skipped, mut bytes) = (0u64, 0u64, 0usize);
    let mut state = String::new();
    let warmup = Instant::now() + Duration::from_secs(2);
    let end = warmup + Duration::from_secs_f64(seconds);
    while Instant::now() < end {
        let msg = rx.recv_timeout(Duration::from_secs(30))?;
        let (info, _) = decode(&msg).ok_or("not a preview message")?;
        preview.ack(info["seq"].as_u64().unwrap_or(0));
        if Instant::now() < warmup {
            continue;
        }
        count += 1;
        bytes += msg.len();
        skipped += info["skipped"].as_u64().unwrap_or(0);
        render.push(info["renderMs"].as_f64().unwrap_or(0.0));
        frame.push(info["frameMs"].as_f64().unwrap_or(0.0));
        track.push(info["tracking"]["trackMs"].as_f64().unwrap_or(0.0));
        fps_seen.push(info["fps"].as_f64().unwrap_or(0.0));
        state = info["tracking"]["state"].to_string();
    }
    println!(
        "{count} frames in {seconds} s = {:.1} fps; {:.1} MB/s to the webview; {skipped} skipped; tracking {state}",
        count as f64 / seconds,
        bytes as f64 / seconds / 1e6
    );
    summary("engine ms", render);
    summary("capture→msg ms", frame);
    summary("tracker ms", track);
    summary("fps readout", fps_seen);
    Ok(())
}
