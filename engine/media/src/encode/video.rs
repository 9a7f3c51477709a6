//! The video half of the encoder: raw frame → (swscale: RGBA/NV12 → yuv420p at the output size)
//! → side data (hot-zone SEI, ROI rectangles) → libx264 (High, `zerolatency`).

use std::collections::HashMap;

use effect_schema::hotzone::SeiPayload;
use effect_schema::tracking::Rect;
use ffmpeg_next::format::Pixel;
use ffmpeg_next::software::scaling;
use ffmpeg_next::util::frame::side_data::Type as SideData;
use ffmpeg_next::{Dictionary, Packet, Rational, codec, encoder, frame, picture};

use super::config::EncoderConfig;
use crate::error::{MediaError, Result};
use crate::ffi::{attach_side_data, rgb_to_bt709_limited};
use crate::frame::{PixelLayout, VideoFrame};
use crate::roi::roi_side_data;
use crate::sei::user_data_body;

/// Encoder time base: pts are milliseconds, like FLV's.
pub const VIDEO_TIME_BASE: Rational = Rational(1, 1000);

pub(crate) struct VideoEncoder {
    pub(crate) enc: encoder::Video,
    width: u32,
    height: u32,
    sei: bool,
    roi_qoffset: f32,
    scalers: HashMap<(PixelLayout, u32, u32), scaling::Context>,
    last_pts: Option<i64>,
    force_key: bool,
}

impl VideoEncoder {
    pub(crate) fn open(cfg: &EncoderConfig, global_header: bool) -> Result<Self> {
        let codec = encoder::find_by_name("libx264").ok_or(MediaError::Config {
            field: "video codec",
            message: "FFmpeg was built without libx264".to_owned(),
            fix: "install an FFmpeg with libx264 (Debian: libavcodec59 from main)",
        })?;
        let mut enc = codec::context::Context::new_with_codec(codec)
            .encoder()
            .video()
            .map_err(MediaError::ffmpeg("create the H.264 encoder"))?;
        enc.set_width(cfg.width);
        enc.set_height(cfg.height);
        enc.set_format(Pixel::YUV420P);
        enc.set_time_base(VIDEO_TIME_BASE);
        enc.set_frame_rate(Some(Rational(cfg.fps as i32, 1)));
        enc.set_gop(cfg.gop);
        enc.set_max_b_frames(0);
        enc.set_bit_rate(cfg.video_kbps as usize * 1000);
        enc.set_max_bit_rate(cfg.video_kbps as usize * 1000);
        if global_header {
            enc.set_flags(codec::Flags::GLOBAL_HEADER);
        }
        let mut opts = Dictionary::new();
        opts.set("preset", &cfg.preset);
        opts.set("tune", "zerolatency");
        opts.set("profile", "high");
        opts.set("bufsize", &format!("{}k", cfg.video_kbps));
        opts.set("forced-idr", "1");
        opts.set("keyint_min", &cfg.gop.to_string());
        opts.set("sc_threshold", "0");
        if cfg.sei {
            opts.set("udu_sei", "1");
        }
        let enc = enc
            .open_with(opts)
            .map_err(MediaError::ffmpeg("open libx264 with these settings"))?;
        Ok(Self {
            enc,
            width: cfg.width,
            height: cfg.height,
            sei: cfg.sei,
            roi_qoffset: cfg.roi_qoffset,
            scalers: HashMap::new(),
            last_pts: None,
            force_key: false,
        })
    }

    /// Makes the next frame an IDR keyframe (after a reconnect, so viewers start at once).
    pub(crate) fn force_keyframe(&mut self) {
        self.force_key = true;
    }

    /// Converts `input` to the encoder's yuv420p frame at the output size.
    pub(crate) fn convert(&mut self, input: &VideoFrame<'_>) -> Result<frame::Video> {
        let src = input.to_ffmpeg()?;
        if src.format() == Pixel::YUV420P
            && input.width == self.width
            && input.height == self.height
        {
            return Ok(src);
        }
        let key = (input.layout, input.width, input.height);
        let scaler = match self.scalers.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let mut scaler = scaling::Context::get(
                    src.format(),
                    key.1,
                    key.2,
                    Pixel::YUV420P,
                    self.width,
                    self.height,
                    scaling::Flags::BILINEAR,
                )
                .map_err(MediaError::ffmpeg("create the colour converter"))?;
                if input.layout == PixelLayout::Rgba {
                    rgb_to_bt709_limited(&mut scaler)?;
                }
                e.insert(scaler)
            }
        };
        let mut out = frame::Video::new(Pixel::YUV420P, self.width, self.height);
        scaler
            .run(&src, &mut out)
            .map_err(MediaError::ffmpeg("convert the frame to yuv420p"))?;
        Ok(out)
    }

    /// Sends one converted frame with its SEI and ROI side data to x264.
    pub(crate) fn send(
        &mut self,
        mut frame: frame::Video,
        pts_ms: i64,
        sei: Option<&SeiPayload>,
        rois: &[Rect],
    ) -> Result<()> {
        if let Some(last) = self.last_pts
            && pts_ms <= last
        {
            return Err(MediaError::InvalidInput {
                what: "video pts",
                message: format!("{pts_ms} ms after {last} ms: pts must increase"),
            });
        }
        self.last_pts = Some(pts_ms);
        frame.set_pts(Some(pts_ms));
        if self.force_key {
            frame.set_kind(picture::Type::I);
            self.force_key = false;
        } else {
            frame.set_kind(picture::Type::None);
        }
        if let Some(payload) = sei.filter(|_| self.sei) {
            let body = user_data_body(payload).map_err(|e| MediaError::InvalidInput {
                what: "SEI payload",
                message: e.to_string(),
            })?;
            attach_side_data(&mut frame, SideData::SEI_UNREGISTERED, &body)?;
        }
        if let Some(bytes) = roi_side_data(rois, self.width, self.height, self.roi_qoffset) {
            attach_side_data(&mut frame, SideData::REGIONS_OF_INTEREST, &bytes)?;
        }
        self.enc
            .send_frame(&frame)
            .map_err(MediaError::ffmpeg("encode a video frame"))
    }

    pub(crate) fn receive(&mut self, packet: &mut Packet) -> bool {
        self.enc.receive_packet(packet).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use ffmpeg_next::format::Pixel;
    use ffmpeg_next::frame;
    use ffmpeg_next::software::scaling;

    use crate::ffi::rgb_to_bt709_limited;

    /// Solid `rgb` through an RGBA → yuv420p converter with the BT.709 matrix: (Y, Cb, Cr).
    fn convert(rgb: [u8; 3]) -> (u8, u8, u8) {
        ffmpeg_next::init().unwrap();
        let (w, h) = (16, 16);
        let mut scaler = scaling::Context::get(
            Pixel::RGBA,
            w,
            h,
            Pixel::YUV420P,
            w,
            h,
            scaling::Flags::BILINEAR,
        )
        .unwrap();
        rgb_to_bt709_limited(&mut scaler).unwrap();
        let mut src = frame::Video::new(Pixel::RGBA, w, h);
        let stride = src.stride(0);
        for y in 0..h as usize {
            for x in 0..w as usize {
                let at = y * stride + x * 4;
                src.data_mut(0)[at..at + 4].copy_from_slice(&[rgb[0], rgb[1], rgb[2], 255]);
            }
        }
        let mut out = frame::Video::new(Pixel::YUV420P, w, h);
        scaler.run(&src, &mut out).unwrap();
        (out.data(0)[0], out.data(1)[0], out.data(2)[0])
    }

    #[test]
    fn rgb_becomes_bt709_limited_range_as_the_gpu_pass_makes_it() {
        // BT.709: Y = 16 + 219 (0.2126 R + 0.7152 G + 0.0722 B); BT.601 red would give Y 81.
        let near = |a: u8, b: u8| a.abs_diff(b) <= 1;
        let (y, cb, cr) = convert([255, 0, 0]);
        assert!(
            near(y, 63) && near(cb, 102) && near(cr, 240),
            "red: {y} {cb} {cr}"
        );
        let (y, cb, cr) = convert([255, 255, 255]);
        assert!(
            near(y, 235) && near(cb, 128) && near(cr, 128),
            "white: {y} {cb} {cr}"
        );
        let (y, _, _) = convert([0, 255, 0]);
        assert!(near(y, 173), "green: {y}");
    }
}
