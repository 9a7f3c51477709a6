//! The reference reader: demux a file or stream (FLV, MP4, `rtmp://`), walk each H.264 access
//! unit and recover Lantern's SEI payload with [`crate::sei`]. `lantern probe` prints what this
//! yields, one JSON line per video frame.

use std::path::Path;
use std::time::{Duration, Instant};

use effect_schema::hotzone::SeiPayload;
use ffmpeg_next::{Dictionary, Packet, Rational, codec, format, media};

use crate::error::{MediaError, Result};
use crate::sei::{NalFraming, find_in_packet};

/// What one video frame carried.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ProbeFrame {
    /// 0-based index of the video frame in the input.
    pub frame: u64,
    /// Container pts in milliseconds.
    pub pts_ms: Option<i64>,
    pub key: bool,
    /// Lantern's payload, or `null` when the frame has none.
    pub sei: Option<SeiPayload>,
    /// Lantern-UUID payloads that did not parse.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// Stream facts gathered when the input opens.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StreamInfo {
    pub codec: String,
    pub width: u32,
    pub height: u32,
}

/// An open input, read frame by frame.
pub struct Probe {
    ictx: format::context::Input,
    stream: usize,
    time_base: Rational,
    framing: NalFraming,
    info: StreamInfo,
    next_frame: u64,
    deadline: Option<Instant>,
}

impl Probe {
    /// Opens `input` (a path or an `rtmp://` URL). `timeout` bounds the connect and each read.
    pub fn open(input: &str, timeout: Duration) -> Result<Self> {
        crate::init();
        let is_url = input.contains("://");
        let mut opts = Dictionary::new();
        if is_url {
            opts.set("rw_timeout", &timeout.as_micros().to_string());
            opts.set("rtmp_live", "live");
            // Live streams: decide on the streams within a few seconds instead of waiting for
            // data (e.g. an audio track that never comes) until the read timeout; but longer
            // than a GOP, since the ingest may hold video back until the next keyframe while
            // audio flows (joining mid-GOP would otherwise find "no video stream").
            opts.set("analyzeduration", "4000000");
            opts.set("probesize", "2000000");
        }
        let ictx = format::input_with_dictionary(&input, opts).map_err(|source| {
            if is_url {
                MediaError::Connect {
                    url: input.to_owned(),
                    source,
                }
            } else {
                MediaError::Open {
                    path: Path::new(input).to_owned(),
                    message: source.to_string(),
                }
            }
        })?;
        let stream = ictx
            .streams()
            .best(media::Type::Video)
            .ok_or_else(|| MediaError::Open {
                path: Path::new(input).to_owned(),
                message: "no video stream".to_owned(),
            })?;
        let params = stream.parameters();
        let (width, height, extradata) = {
            let ctx = codec::context::Context::from_parameters(params.clone())
                .map_err(MediaError::ffmpeg("read the video stream parameters"))?;
            let video = ctx.decoder().video().ok();
            let (w, h) = video.as_ref().map_or((0, 0), |v| (v.width(), v.height()));
            (w, h, extradata(&stream))
        };
        if params.id() != codec::Id::H264 {
            return Err(MediaError::Open {
                path: Path::new(input).to_owned(),
                message: format!(
                    "video is {:?}, not H.264: no Lantern SEI to read",
                    params.id()
                ),
            });
        }
        Ok(Self {
            info: StreamInfo {
                codec: "h264".to_owned(),
                width,
                height,
            },
            stream: stream.index(),
            time_base: stream.time_base(),
            framing: NalFraming::from_extradata(&extradata),
            ictx,
            next_frame: 0,
            deadline: None,
        })
    }

    /// Stop after this much wall-clock time (for live streams).
    pub fn set_duration(&mut self, d: Duration) {
        self.deadline = Some(Instant::now() + d);
    }

    pub fn info(&self) -> &StreamInfo {
        &self.info
    }

    /// The next video frame, or `None` at the end of the input or the deadline.
    pub fn next_frame(&mut self) -> Result<Option<ProbeFrame>> {
        let mut packet = Packet::empty();
        loop {
            if self.deadline.is_some_and(|d| Instant::now() >= d) {
                return Ok(None);
            }
            match packet.read(&mut self.ictx) {
                Ok(()) if packet.stream() == self.stream => break,
                Ok(()) => {}
                Err(ffmpeg_next::Error::Eof) => return Ok(None),
                Err(source) => {
                    return Err(MediaError::Ffmpeg {
                        context: "read the input",
                        source,
                    });
                }
            }
        }
        let found = find_in_packet(packet.data().unwrap_or_default(), self.framing);
        let tb = self.time_base;
        let pts_ms = packet
            .pts()
            .map(|p| p * 1000 * i64::from(tb.numerator()) / i64::from(tb.denominator().max(1)));
        let frame = ProbeFrame {
            frame: self.next_frame,
            pts_ms,
            key: packet.is_key(),
            sei: found.payloads.into_iter().next(),
            errors: found.errors,
        };
        self.next_frame += 1;
        Ok(Some(frame))
    }
}

fn extradata(stream: &format::stream::Stream<'_>) -> Vec<u8> {
    crate::ffi::extradata(&stream.parameters())
}

impl ProbeFrame {
    /// The frame as one compact JSON line (what `lantern probe` prints).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }
}
