//! The render crate's error type: every failure names what was being done and how to fix it.

/// Errors from creating the device, uploading resources, parsing LUTs/fonts or reading frames back.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No adapter at all: neither a GPU nor Mesa's lavapipe (CPU Vulkan) nor llvmpipe GL.
    #[error(
        "no graphics adapter found ({0}); install Mesa's CPU drivers \
         (Debian: mesa-vulkan-drivers libvulkan1 libegl1 libgl1-mesa-dri) or set WGPU_BACKEND=gl"
    )]
    NoAdapter(String),
    /// The adapter refused to create a device.
    #[error("could not create a wgpu device on {adapter}: {source}")]
    Device {
        adapter: String,
        #[source]
        source: wgpu::RequestDeviceError,
    },
    /// A size the renderer cannot use (zero, odd for NV12, or beyond the device limit).
    #[error("invalid size {width}x{height} for {what}: {fix}")]
    Size {
        what: &'static str,
        width: u32,
        height: u32,
        fix: &'static str,
    },
    /// Pixel data whose length does not match its declared size.
    #[error("{what}: expected {expected} bytes of RGBA for {width}x{height}, got {got}")]
    PixelData {
        what: String,
        width: u32,
        height: u32,
        expected: usize,
        got: usize,
    },
    /// A malformed `.cube` or PNG LUT.
    #[error("colour LUT {source_name}: {message}")]
    Lut {
        source_name: String,
        message: String,
    },
    /// An image that could not be decoded.
    #[error("could not decode image {name}: {source}")]
    Image {
        name: String,
        #[source]
        source: image::ImageError,
    },
    /// Font bytes that are not a TrueType/OpenType font.
    #[error("font {name} is not a valid TTF/OTF file ({message}); pass the font file's bytes")]
    Font { name: String, message: String },
    /// A draw command that refers to a resource this renderer does not hold.
    #[error("{what} id {id} is unknown to this renderer: create it with the same Renderer")]
    UnknownResource { what: &'static str, id: u32 },
    /// Mapping the staging buffer for readback failed (device lost or a wgpu bug).
    #[error("reading the frame back from the GPU failed: {0}")]
    Readback(String),
}

/// Shorthand for this crate's results.
pub type Result<T, E = RenderError> = std::result::Result<T, E>;
