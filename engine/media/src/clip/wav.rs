//! A WAV's declared length, read from its header: FFmpeg reports the bytes present instead, so
//! a header claiming 10 hours over a few kilobytes would otherwise pass as a short sound.

/// The length a WAV's `data` chunk header declares (FFmpeg reports the bytes present instead);
/// `None` for other files, and for the sizes streaming writers leave (0, `0xFFFFFFFF`).
pub(super) fn wav_declared_seconds(bytes: &[u8]) -> Option<f64> {
    let u32_at = |at: usize| -> Option<u32> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if bytes.get(..4) != Some(b"RIFF") || bytes.get(8..12) != Some(b"WAVE") {
        return None;
    }
    let (mut at, mut byte_rate) = (12usize, None);
    while let (Some(kind), Some(size)) = (bytes.get(at..at + 4), u32_at(at + 4)) {
        match kind {
            b"fmt " => byte_rate = u32_at(at + 16).filter(|r| *r > 0),
            b"data" if size != 0 && size != u32::MAX => {
                return Some(f64::from(size) / f64::from(byte_rate?));
            }
            b"data" => return None,
            _ => {}
        }
        at = at.checked_add(8 + size as usize + (size as usize & 1))?;
    }
    None
}
