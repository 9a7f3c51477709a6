//! Pushes the test pattern with changing hot-zones to a real local nginx-rtmp and checks what
//! arrived with ffprobe, FFmpeg's showinfo and our own probe.

mod common;

use std::time::Duration;

use lantern_media::{Encoder, EncoderConfig, MediaError, Target};
use lantern_testing::RtmpServer;

#[test]
fn rtmp_push_carries_sei_on_every_frame() {
    let server = RtmpServer::start().unwrap();
    let target = Target::rtmp(&server.url(), "sei-test").unwrap();
    let stats = common::push_pattern(&target);
    assert!(stats.keyframes >= 2, "GOP 60 over 90 frames: {stats:?}");
    let rec = server
        .wait_recording("sei-test", Duration::from_secs(30))
        .unwrap();
    common::check_streams(&rec);
    common::check_probe(rec.to_str().unwrap());
    common::check_showinfo(&rec);
}

#[test]
fn unreachable_server_is_a_connection_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let target = Target::rtmp(&format!("rtmp://127.0.0.1:{port}/live"), "k").unwrap();
    let err = Encoder::open(&target, &common::config()).err().unwrap();
    assert!(err.is_connection_error(), "{err}");
    assert!(err.to_string().contains(&port.to_string()), "{err}");
}

#[test]
fn stopping_the_server_mid_push_is_a_disconnect() {
    let mut server = RtmpServer::start().unwrap();
    let target = Target::rtmp(&server.url(), "drop").unwrap();
    let cfg = EncoderConfig {
        audio: None,
        ..common::config()
    };
    let mut enc = Encoder::open(&target, &cfg).unwrap();
    let pattern = lantern_media::source::TestPattern::new(common::W, common::H, common::FPS);
    for i in 0..10 {
        let f = pattern.frame(i);
        enc.push_video(&f.view(), f.pts_ms, None, &[]).unwrap();
    }
    server.stop();
    // The socket buffers a little; within a few seconds of video the write must fail.
    let err = (10..3000)
        .find_map(|i| {
            let f = pattern.frame(i);
            enc.push_video(&f.view(), f.pts_ms, None, &[]).err()
        })
        .expect("writing to a stopped server must fail");
    assert!(matches!(err, MediaError::Disconnected { .. }), "{err}");
    assert!(err.is_connection_error());
}

#[test]
fn probe_reads_sei_from_a_live_rtmp_stream() {
    let server = RtmpServer::start().unwrap();
    let url = server.stream_url("live-probe");
    let target = Target::rtmp(&server.url(), "live-probe").unwrap();
    // Publish 4 s paced to real time on a named thread while the probe plays the stream.
    let pusher = std::thread::Builder::new()
        .name("test-push".to_owned())
        .spawn(move || {
            let cfg = EncoderConfig {
                audio: None,
                ..common::config()
            };
            let mut enc = Encoder::open(&target, &cfg).unwrap();
            let pattern =
                lantern_media::source::TestPattern::new(common::W, common::H, common::FPS);
            let start = std::time::Instant::now();
            for i in 0..u64::from(common::FPS) * 4 {
                let f = pattern.frame(i);
                let due = Duration::from_millis(f.pts_ms as u64);
                if let Some(wait) = due.checked_sub(start.elapsed()) {
                    std::thread::sleep(wait);
                }
                let sei = common::expected_payload(&pattern, i);
                enc.push_video(&f.view(), f.pts_ms, Some(&sei), &[])
                    .unwrap();
            }
            enc.finish().unwrap();
        })
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let mut probe = lantern_media::probe::Probe::open(&url, Duration::from_secs(10)).unwrap();
    probe.set_duration(Duration::from_secs(20));
    let reference = lantern_media::source::TestPattern::new(common::W, common::H, common::FPS);
    let mut seen = 0;
    while let Some(frame) = probe.next_frame().unwrap() {
        let sei = frame.sei.expect("every live frame carries the SEI");
        let index = ((sei.pts * i64::from(common::FPS) + 999) / 1000) as u64;
        assert_eq!(sei, common::expected_payload(&reference, index));
        seen += 1;
        if seen == 30 {
            break;
        }
    }
    assert_eq!(seen, 30, "the probe should see 30 live frames");
    pusher.join().unwrap();
}
