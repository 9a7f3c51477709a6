//! Lantern's hot-zone SEI: building the `user_data_unregistered` body the encoder attaches to
//! each frame, and the reference parser that finds it again in an H.264 access unit.
//!
//! Layout (see `docs/sei-hotzones.md`): NAL unit type 6 (SEI) → SEI message with payload type 5
//! (`user_data_unregistered`) → 16-byte UUID [`SEI_UUID`] → UTF-8 JSON of [`SeiPayload`].
//! Access units come either as Annex B (start codes) or AVCC (big-endian length prefixes, as FLV
//! and MP4 carry them); the parser handles both, removes emulation-prevention bytes and reads
//! multi-byte payload type/size fields.

use effect_schema::hotzone::{SEI_UUID, SeiPayload};

/// `user_data_unregistered` SEI payload type.
pub const SEI_TYPE_USER_DATA_UNREGISTERED: u32 = 5;
/// H.264 NAL unit type of an SEI.
pub const NAL_TYPE_SEI: u8 = 6;

/// The side-data body for one frame: UUID followed by the compact JSON of `payload`.
pub fn user_data_body(payload: &SeiPayload) -> Result<Vec<u8>, serde_json::Error> {
    let json = serde_json::to_vec(payload)?;
    let mut body = Vec::with_capacity(16 + json.len());
    body.extend_from_slice(&SEI_UUID);
    body.extend_from_slice(&json);
    Ok(body)
}

/// What the parser found in one access unit.
#[derive(Debug, Default)]
pub struct Found {
    /// Payloads carrying Lantern's UUID, parsed.
    pub payloads: Vec<SeiPayload>,
    /// Lantern-UUID payloads whose JSON did not parse (the error text).
    pub errors: Vec<String>,
}

/// How NAL units are delimited in a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NalFraming {
    /// Start codes `00 00 01` / `00 00 00 01`.
    AnnexB,
    /// Each NAL preceded by its big-endian length in this many bytes (1, 2 or 4).
    Length(usize),
}

impl NalFraming {
    /// AVCC length size from an `avcC` record (MP4/FLV extradata); Annex B when the extradata is
    /// empty or itself Annex B.
    pub fn from_extradata(extradata: &[u8]) -> Self {
        match extradata {
            [1, _, _, _, b4, ..] => Self::Length(usize::from(b4 & 0b11) + 1),
            _ => Self::AnnexB,
        }
    }
}

/// Splits a packet into NAL unit payloads (header byte included, still escaped).
///
/// With length framing the prefixes must cover the packet exactly; otherwise (some muxers pass
/// Annex B through) the packet is split on start codes. Length prefixes are never guessed from
/// the bytes: a 4-byte length of 256..=511 starts `00 00 01` like a start code.
pub fn split_nals(data: &[u8], framing: NalFraming) -> Vec<&[u8]> {
    match framing {
        NalFraming::AnnexB => split_annex_b(data),
        NalFraming::Length(size) => {
            split_length_prefixed(data, size).unwrap_or_else(|| split_annex_b(data))
        }
    }
}

fn split_annex_b(data: &[u8]) -> Vec<&[u8]> {
    let mut starts = Vec::new();
    let mut i = 0;
    while i + 3 <= data.len() {
        if data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1 {
            starts.push((i, i + 3));
            i += 3;
        } else {
            i += 1;
        }
    }
    let mut nals = Vec::with_capacity(starts.len());
    for (k, &(_, begin)) in starts.iter().enumerate() {
        let mut end = starts.get(k + 1).map_or(data.len(), |&(code, _)| code);
        // Trailing zeros belong to the next 4-byte start code (or are trailing_zero_8bits).
        while end > begin && data[end - 1] == 0 {
            end -= 1;
        }
        if end > begin {
            nals.push(&data[begin..end]);
        }
    }
    nals
}

/// `None` when the prefixes do not add up to the packet length (not length-prefixed).
fn split_length_prefixed(data: &[u8], size: usize) -> Option<Vec<&[u8]>> {
    let mut nals = Vec::new();
    let mut rest = data;
    while !rest.is_empty() {
        if rest.len() < size {
            return None;
        }
        let len = rest[..size]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        rest = &rest[size..];
        if len == 0 || len > rest.len() {
            return None;
        }
        nals.push(&rest[..len]);
        rest = &rest[len..];
    }
    Some(nals)
}

/// Removes emulation-prevention bytes (`00 00 03` → `00 00`) from a NAL payload.
pub fn unescape_rbsp(nal: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(nal.len());
    let mut zeros = 0;
    for &b in nal {
        if zeros >= 2 && b == 3 {
            zeros = 0;
            continue;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        out.push(b);
    }
    out
}

/// The `(payload_type, payload)` messages of one SEI RBSP (NAL header already removed).
pub fn sei_messages(rbsp: &[u8]) -> Vec<(u32, &[u8])> {
    let mut messages = Vec::new();
    let mut i = 0;
    // Stop at the rbsp_trailing_bits (0x80) or when the data runs out.
    while i < rbsp.len() && rbsp[i] != 0x80 {
        let Some((kind, next)) = read_ff_coded(rbsp, i) else {
            break;
        };
        let Some((size, next)) = read_ff_coded(rbsp, next) else {
            break;
        };
        let end = next.saturating_add(size as usize);
        if end > rbsp.len() {
            break;
        }
        messages.push((kind, &rbsp[next..end]));
        i = end;
    }
    messages
}

/// Reads an SEI payload type or size: a run of 0xFF bytes (each adds 255) then a final byte.
fn read_ff_coded(data: &[u8], mut i: usize) -> Option<(u32, usize)> {
    let mut value = 0u32;
    loop {
        let b = *data.get(i)?;
        i += 1;
        value = value.checked_add(u32::from(b))?;
        if b != 0xFF {
            return Some((value, i));
        }
    }
}

/// Finds Lantern's SEI payloads in one H.264 packet (access unit).
pub fn find_in_packet(data: &[u8], framing: NalFraming) -> Found {
    let mut found = Found::default();
    for nal in split_nals(data, framing) {
        if nal.first().map(|h| h & 0x1F) != Some(NAL_TYPE_SEI) {
            continue;
        }
        let rbsp = unescape_rbsp(&nal[1..]);
        for (kind, body) in sei_messages(&rbsp) {
            if kind != SEI_TYPE_USER_DATA_UNREGISTERED || body.len() < 16 || body[..16] != SEI_UUID
            {
                continue;
            }
            match serde_json::from_slice::<SeiPayload>(&body[16..]) {
                Ok(payload) => found.payloads.push(payload),
                Err(err) => found.errors.push(err.to_string()),
            }
        }
    }
    found
}

#[cfg(test)]
#[path = "sei_tests.rs"]
mod tests;
