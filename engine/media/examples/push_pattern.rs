//! Dev tool: pushes the moving test pattern to an RTMP server in real time, with a Lantern hot-zone
//! SEI on every frame, until a duration ends. It stands in for `lantern push` when developing the
//! web viewer (`ui/viewer.html`) against a real stream:
//!
//! ```text
//! cargo run -p lantern-media --example push_pattern -- rtmp://127.0.0.1:1935/live demo 60
//! ```
//!
//! Arguments: `<rtmp server url> <stream key> [seconds=30] [WxH=640x360] [fps=30]`. Zones per
//! frame: the bouncing white box (`redPacket`, payload `{"amount":8,"frame":n}`) and, on every
//! other second, a static `product` card. The top bar of each picture is a binary frame counter
//! (see `TestPattern`), so a page can check which frame it shows against the SEI it draws.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use effect_schema::hotzone::{HotZone, SEI_VERSION, SeiPayload};
use effect_schema::tracking::Rect;
use lantern_media::source::{AudioSource, Silence, TestPattern};
use lantern_media::{AudioConfig, Encoder, EncoderConfig, Target};

type Error = Box<dyn std::error::Error>;

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: push_pattern <rtmp://host:port/app> <key> [seconds] [WxH] [fps]";
    let (Some(server), Some(key)) = (args.first(), args.get(1)) else {
        return Err(usage.into());
    };
    let seconds: f64 = args.get(2).map_or(Ok(30.0), |s| s.parse())?;
    let (width, height) = match args.get(3) {
        Some(size) => {
            let (w, h) = size.split_once('x').ok_or(usage)?;
            (w.parse()?, h.parse()?)
        }
        None => (640, 360),
    };
    let fps: u32 = args.get(4).map_or(Ok(30), |s| s.parse())?;
    let cfg = EncoderConfig {
        width,
        height,
        fps,
        preset: "veryfast".to_owned(),
        video_kbps: 1200,
        // One keyframe a second: nginx-rtmp cuts HLS fragments only at keyframes.
        gop: fps,
        audio: Some(AudioConfig::default()),
        sei: true,
        roi_qoffset: 0.0,
    };
    let mut enc = Encoder::open(&Target::rtmp(server, key)?, &cfg)?;
    let pattern = TestPattern::new(width, height, fps);
    let mut silence = Silence { channels: 2 };
    let frames = (seconds * f64::from(fps)).ceil() as u64;
    let start = Instant::now();
    for i in 0..frames {
        let frame = pattern.frame(i);
        if let Some(wait) = Duration::from_millis(frame.pts_ms as u64).checked_sub(start.elapsed())
        {
            std::thread::sleep(wait);
        }
        let sei = payload(&pattern, i, frame.pts_ms, (width, height));
        enc.push_video(&frame.view(), frame.pts_ms, Some(&sei), &[])?;
        let due = (i as i64 + 1) * 48_000 / i64::from(fps) - enc.audio_samples_sent();
        if due > 0 {
            enc.push_audio(&silence.read(due as usize)?)?;
        }
    }
    let stats = enc.finish()?;
    println!("pushed {} frames to {server}/{key}", stats.video_frames);
    Ok(())
}

/// The SEI of frame `i`: the bouncing box, and a product card during odd seconds.
fn payload(pattern: &TestPattern, i: u64, pts: i64, (w, h): (u32, u32)) -> SeiPayload {
    let mut zones = vec![HotZone {
        id: "packet".to_owned(),
        kind: "redPacket".to_owned(),
        rect: pattern.box_rect(i),
        payload: serde_json::json!({ "amount": 8, "frame": i }),
    }];
    if (pts / 1000) % 2 == 1 {
        zones.push(HotZone {
            id: "card".to_owned(),
            kind: "product".to_owned(),
            rect: Rect {
                x: w as f32 * 0.7,
                y: h as f32 * 0.65,
                w: w as f32 * 0.25,
                h: h as f32 * 0.25,
            },
            payload: serde_json::json!({ "name": "Lantern mug", "price": "¥19" }),
        });
    }
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    SeiPayload {
        v: SEI_VERSION,
        pts,
        wall,
        w,
        h,
        zones,
    }
}
