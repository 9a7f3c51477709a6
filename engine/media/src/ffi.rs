//! The crate's only `unsafe`: writing bytes into new frame side data, reading extradata, and
//! choosing a colour converter's matrix.
//!
//! ffmpeg-next can allocate side data (`Frame::new_side_data`) but only hands back a read-only
//! view, so the SEI and ROI side data are attached here with `av_frame_new_side_data` directly.
//! It has no call for `sws_setColorspaceDetails` either.

use ffmpeg_next::frame;
use ffmpeg_next::software::scaling;
use ffmpeg_next::util::frame::side_data::Type;

use crate::error::{MediaError, Result};

/// Attaches `bytes` to `frame` as side data of `kind` (copied; the frame owns the buffer).
pub(crate) fn attach_side_data(frame: &mut frame::Video, kind: Type, bytes: &[u8]) -> Result<()> {
    // SAFETY: `frame.as_mut_ptr()` is a valid, owned AVFrame for the duration of the call.
    // `av_frame_new_side_data` returns either null (checked) or a side-data entry whose `data`
    // buffer is at least `bytes.len()` bytes long and owned by the frame; we copy exactly
    // `bytes.len()` bytes into it from a distinct Rust slice, so the regions cannot overlap.
    unsafe {
        let sd =
            ffmpeg_next::ffi::av_frame_new_side_data(frame.as_mut_ptr(), kind.into(), bytes.len());
        if sd.is_null() || (*sd).data.is_null() {
            return Err(MediaError::InvalidInput {
                what: "frame side data",
                message: format!(
                    "FFmpeg could not allocate {} bytes of {kind:?}",
                    bytes.len()
                ),
            });
        }
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), (*sd).data, bytes.len());
    }
    Ok(())
}

/// A copy of the codec extradata (for H.264 in FLV/MP4: the `avcC` record).
pub(crate) fn extradata(params: &ffmpeg_next::codec::Parameters) -> Vec<u8> {
    // SAFETY: `params.as_ptr()` points to AVCodecParameters owned by `params`, alive for this
    // call. FFmpeg guarantees `extradata` is either null or `extradata_size` readable bytes; both
    // are checked before the slice is built, and the bytes are copied out before returning.
    unsafe {
        let p = params.as_ptr();
        if p.is_null() || (*p).extradata.is_null() || (*p).extradata_size <= 0 {
            return Vec::new();
        }
        std::slice::from_raw_parts((*p).extradata, (*p).extradata_size as usize).to_vec()
    }
}

/// Makes `scaler` turn full-range RGB into limited-range BT.709 YUV (swscale's default matrix is
/// BT.601), the same maths as the renderer's NV12 pass, so a frame looks the same whichever
/// side converts it.
pub(crate) fn rgb_to_bt709_limited(scaler: &mut scaling::Context) -> Result<()> {
    // SAFETY: `scaler.as_mut_ptr()` is the valid SwsContext `scaler` owns for this call;
    // `sws_getCoefficients` returns a pointer to a static table of FFmpeg's (never null: unknown
    // spaces give the default), read by `sws_setColorspaceDetails` during the call only.
    let done = unsafe {
        let bt709 = ffmpeg_next::ffi::sws_getCoefficients(ffmpeg_next::ffi::SWS_CS_ITU709);
        // Source full range (RGB), destination limited (16..235); brightness 0, contrast and
        // saturation 1.0 in 16.16 fixed point.
        ffmpeg_next::ffi::sws_setColorspaceDetails(
            scaler.as_mut_ptr(),
            bt709,
            1,
            bt709,
            0,
            0,
            1 << 16,
            1 << 16,
        )
    };
    if done < 0 {
        return Err(MediaError::InvalidInput {
            what: "colour converter",
            message: "FFmpeg refused the BT.709 matrix".to_owned(),
        });
    }
    Ok(())
}
