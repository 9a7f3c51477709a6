//! Frame sources. Each yields RGBA [`RgbaFrame`]s with a pts in milliseconds; audio sources
//! yield interleaved `f32` samples. A source never blocks forever and never buffers without bound.

pub mod audio;
pub mod camera;
pub mod file;
pub mod image;
pub mod pattern;

use crate::error::Result;
use crate::frame::VideoFrame;

/// An owned, tightly packed RGBA frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaFrame {
    pub width: u32,
    pub height: u32,
    /// Presentation time in milliseconds from the source's start.
    pub pts_ms: i64,
    pub data: Vec<u8>,
}

impl RgbaFrame {
    /// A borrowed view for [`crate::Encoder::push_video`].
    pub fn view(&self) -> VideoFrame<'_> {
        VideoFrame::rgba(self.width, self.height, &self.data)
    }
}

impl AsRef<[u8]> for RgbaFrame {
    /// The pixels, for consumers that share the frame (the tracker worker).
    fn as_ref(&self) -> &[u8] {
        &self.data
    }
}

/// Something that produces video frames.
pub trait VideoSource {
    /// The next frame, or `None` at the end (looping sources never end).
    fn next_frame(&mut self) -> Result<Option<RgbaFrame>>;
    /// Frame size.
    fn size(&self) -> (u32, u32);
}

pub use self::audio::{AudioSource, FileAudio, Silence};
pub use self::file::VideoFile;
pub use self::image::StillImage;
pub use self::pattern::TestPattern;
