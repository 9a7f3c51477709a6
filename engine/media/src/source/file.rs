//! A video file as a source: FFmpeg demux → decode → swscale to RGBA (optionally resized),
//! looped at the end, optionally paced to real time (for live pushes from a file). A player's
//! transport (the Studio preview) can [`VideoFile::seek`], turn looping on and off while it plays,
//! and read where the newest frame sits in the file ([`VideoFile::position_ms`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ffmpeg_next::format::Pixel;
use ffmpeg_next::software::scaling;
use ffmpeg_next::{Packet, Rational, decoder, format, frame, media};

use super::{RgbaFrame, VideoSource};
use crate::error::{MediaError, Result};

/// Decodes a video file's best video stream to RGBA frames.
pub struct VideoFile {
    path: PathBuf,
    ictx: format::context::Input,
    decoder: decoder::Video,
    stream: usize,
    time_base: Rational,
    scaler: Option<scaling::Context>,
    size: (u32, u32),
    looping: bool,
    realtime: Option<Instant>,
    /// Added to pts after each loop so pts keep increasing.
    loop_offset_ms: i64,
    last_pts_ms: i64,
    frame_ms: i64,
    eof_sent: bool,
    /// A frame decoded ahead by [`VideoFile::advance_to`].
    peeked: Option<Decoded>,
    /// Where the newest frame handed out sits in the file (ms on the file's own clock).
    position_ms: i64,
    /// The end was reached without looping.
    ended: bool,
}

/// A decoded frame, its pts in ms (increasing across loops) and its time in the file.
struct Decoded {
    frame: frame::Video,
    pts_ms: i64,
    file_ms: i64,
}

impl VideoFile {
    /// Opens `path`. `size` resizes the frames (`None` keeps the file's size).
    pub fn open(path: &Path, size: Option<(u32, u32)>) -> Result<Self> {
        crate::init();
        let open_err = |message: String| MediaError::Open {
            path: path.to_owned(),
            message,
        };
        let ictx =
            format::input(path).map_err(|e| open_err(format!("{e} (is it a video file?)")))?;
        let stream = ictx
            .streams()
            .best(media::Type::Video)
            .ok_or_else(|| open_err("no video stream in the file".to_owned()))?;
        let index = stream.index();
        let time_base = stream.time_base();
        let rate = stream.avg_frame_rate();
        let decoder = ffmpeg_next::codec::context::Context::from_parameters(stream.parameters())
            .and_then(|mut c| {
                // Two frame threads: decoding keeps up with real time on a busy 2-core machine.
                c.set_threading(ffmpeg_next::threading::Config {
                    kind: ffmpeg_next::threading::Type::Frame,
                    count: 2,
                    ..Default::default()
                });
                c.decoder().video()
            })
            .map_err(|e| open_err(format!("cannot decode the video stream: {e}")))?;
        let frame_ms = if rate.numerator() > 0 && rate.denominator() > 0 {
            (1000 * i64::from(rate.denominator()) / i64::from(rate.numerator())).max(1)
        } else {
            33
        };
        let size = size.unwrap_or((decoder.width(), decoder.height()));
        Ok(Self {
            path: path.to_owned(),
            ictx,
            decoder,
            stream: index,
            time_base,
            scaler: None,
            size,
            looping: false,
            realtime: None,
            loop_offset_ms: 0,
            last_pts_ms: -1,
            frame_ms,
            eof_sent: false,
            peeked: None,
            position_ms: 0,
            ended: false,
        })
    }

    /// Restart from the beginning at the end of the file (never returns `None`).
    #[must_use]
    pub fn looping(mut self, on: bool) -> Self {
        self.looping = on;
        self
    }

    /// Turns looping on or off while playing (a transport's loop button).
    pub fn set_looping(&mut self, on: bool) {
        self.looping = on;
    }

    /// Whether it restarts at its end.
    pub fn is_looping(&self) -> bool {
        self.looping
    }

    /// The file's length in ms, when the container says (`None` for a live-like stream).
    pub fn duration_ms(&self) -> Option<i64> {
        let us = self.ictx.duration();
        (us > 0).then_some(us / 1000)
    }

    /// Where the newest frame handed out sits in the file, in ms on its own clock (loops not
    /// counted: it restarts at each loop).
    pub fn position_ms(&self) -> i64 {
        self.position_ms
    }

    /// The end of the file was reached and it does not loop: no new frames will come.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Jumps to `t_ms` on the file's own clock: the next [`VideoFile::advance_to`] decodes from
    /// the keyframe before it, and pts restart from the file's (loops are counted anew).
    pub fn seek(&mut self, t_ms: i64) -> Result<()> {
        let us = t_ms.max(0).saturating_mul(1000);
        self.ictx.seek(us, ..us).map_err(|e| MediaError::Open {
            path: self.path.clone(),
            message: format!("seek to {t_ms} ms: {e}"),
        })?;
        self.decoder.flush();
        self.peeked = None;
        self.eof_sent = false;
        self.ended = false;
        self.loop_offset_ms = 0;
        self.last_pts_ms = -1;
        Ok(())
    }

    /// Sleep so frames come out no faster than their timestamps.
    #[must_use]
    pub fn realtime(mut self, on: bool) -> Self {
        self.realtime = on.then(Instant::now);
        self
    }

    fn rewind(&mut self) -> Result<()> {
        self.ictx.seek(0, ..).map_err(|e| MediaError::Open {
            path: self.path.clone(),
            message: format!("seek: {e}"),
        })?;
        self.decoder.flush();
        self.loop_offset_ms = self.last_pts_ms + self.frame_ms;
        self.eof_sent = false;
        Ok(())
    }

    fn decoded(&mut self) -> Result<Option<frame::Video>> {
        let mut frame = frame::Video::empty();
        loop {
            if self.decoder.receive_frame(&mut frame).is_ok() {
                return Ok(Some(frame));
            }
            if self.eof_sent {
                return Ok(None);
            }
            let mut packet = Packet::empty();
            match packet.read(&mut self.ictx) {
                Ok(()) if packet.stream() == self.stream => {
                    // A corrupt packet is skipped: the decoder recovers at the next keyframe.
                    if let Err(e) = self.decoder.send_packet(&packet) {
                        tracing::debug!("skipping a bad packet in {}: {e}", self.path.display());
                    }
                }
                Ok(()) => {}
                Err(ffmpeg_next::Error::Eof) => {
                    self.eof_sent = true;
                    let _ = self.decoder.send_eof();
                }
                Err(e) => {
                    return Err(MediaError::Open {
                        path: self.path.clone(),
                        message: e.to_string(),
                    });
                }
            }
        }
    }

    fn convert_rgba(&mut self, frame: &frame::Video) -> Result<Vec<u8>> {
        let (w, h) = self.size;
        let stale = self.scaler.as_ref().is_none_or(|s| {
            s.input().format != frame.format()
                || s.input().width != frame.width()
                || s.input().height != frame.height()
        });
        if stale {
            self.scaler = Some(
                scaling::Context::get(
                    frame.format(),
                    frame.width(),
                    frame.height(),
                    Pixel::RGBA,
                    w,
                    h,
                    scaling::Flags::BILINEAR,
                )
                .map_err(MediaError::ffmpeg("create the RGBA converter"))?,
            );
        }
        let mut rgba = frame::Video::new(Pixel::RGBA, w, h);
        if let Some(scaler) = self.scaler.as_mut() {
            scaler
                .run(frame, &mut rgba)
                .map_err(MediaError::ffmpeg("convert a decoded frame to RGBA"))?;
        }
        let stride = rgba.stride(0);
        let row = w as usize * 4;
        let mut data = Vec::with_capacity(row * h as usize);
        for y in 0..h as usize {
            data.extend_from_slice(&rgba.data(0)[y * stride..y * stride + row]);
        }
        Ok(data)
    }
}

impl VideoFile {
    /// The next decoded frame, not converted.
    fn decode_next(&mut self) -> Result<Option<Decoded>> {
        if let Some(held) = self.peeked.take() {
            return Ok(Some(held));
        }
        let frame = match self.decoded()? {
            Some(f) => f,
            None if self.looping && self.last_pts_ms >= 0 => {
                self.rewind()?;
                match self.decoded()? {
                    Some(f) => f,
                    None => return Ok(None),
                }
            }
            None => {
                self.ended = true;
                return Ok(None);
            }
        };
        let ts = frame.timestamp().unwrap_or(0);
        let file_ms = ts * 1000 * i64::from(self.time_base.numerator())
            / i64::from(self.time_base.denominator().max(1));
        let mut pts_ms = self.loop_offset_ms + file_ms;
        if pts_ms <= self.last_pts_ms {
            pts_ms = self.last_pts_ms + 1;
        }
        self.last_pts_ms = pts_ms;
        Ok(Some(Decoded {
            frame,
            pts_ms,
            file_ms,
        }))
    }

    /// Converts a frame being handed out (it becomes the newest: [`VideoFile::position_ms`]).
    fn rgba_frame(&mut self, d: &Decoded) -> Result<RgbaFrame> {
        self.position_ms = d.file_ms;
        Ok(RgbaFrame {
            width: self.size.0,
            height: self.size.1,
            pts_ms: d.pts_ms,
            data: self.convert_rgba(&d.frame)?,
        })
    }

    /// Decodes up to `t_ms` on the file's clock (loops included) and returns the newest frame
    /// shown at or before it, or `None` when no new frame is due yet. Frames passed over are
    /// decoded (H.264 needs them) but not converted: a live pipeline resampling the file onto
    /// its own clock pays the RGBA conversion only for the frames it uses.
    pub fn advance_to(&mut self, t_ms: i64) -> Result<Option<RgbaFrame>> {
        let mut newest = None;
        while let Some(d) = self.decode_next()? {
            if d.pts_ms > t_ms {
                self.peeked = Some(d);
                break;
            }
            newest = Some(d);
        }
        newest.map(|d| self.rgba_frame(&d)).transpose()
    }
}

impl VideoSource for VideoFile {
    fn next_frame(&mut self) -> Result<Option<RgbaFrame>> {
        let Some(d) = self.decode_next()? else {
            return Ok(None);
        };
        let pts_ms = d.pts_ms;
        let out = self.rgba_frame(&d)?;
        if let Some(start) = self.realtime {
            let due = start + Duration::from_millis(pts_ms.max(0) as u64);
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        Ok(Some(out))
    }

    fn size(&self) -> (u32, u32) {
        self.size
    }
}
