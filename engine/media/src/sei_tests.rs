//! Unit tests of the SEI parser against hand-built NAL units (escaping, long payloads, framings).

use effect_schema::hotzone::{HotZone, SEI_UUID, SEI_VERSION, SeiPayload};
use effect_schema::tracking::Rect;

use super::*;

fn payload(zones: usize) -> SeiPayload {
    SeiPayload {
        v: SEI_VERSION,
        pts: 1234,
        wall: 1_700_000_000_000,
        w: 1280,
        h: 720,
        zones: (0..zones)
            .map(|i| HotZone {
                id: format!("zone-{i}"),
                kind: "redPacket".to_owned(),
                rect: Rect {
                    x: i as f32,
                    y: 2.0,
                    w: 30.0,
                    h: 40.5,
                },
                payload: serde_json::json!({ "amount": i }),
            })
            .collect(),
    }
}

/// Builds an SEI NAL (header 0x06) holding the given messages, escaped as an encoder would.
fn sei_nal(messages: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let mut rbsp = Vec::new();
    for (kind, body) in messages {
        for mut v in [*kind as usize, body.len()] {
            while v >= 255 {
                rbsp.push(0xFF);
                v -= 255;
            }
            rbsp.push(v as u8);
        }
        rbsp.extend_from_slice(body);
    }
    rbsp.push(0x80);
    let mut nal = vec![0x06];
    let mut zeros = 0;
    for b in rbsp {
        if zeros >= 2 && b <= 3 {
            nal.push(3);
            zeros = 0;
        }
        zeros = if b == 0 { zeros + 1 } else { 0 };
        nal.push(b);
    }
    nal
}

fn lantern_body(p: &SeiPayload) -> Vec<u8> {
    user_data_body(p).unwrap()
}

#[test]
fn finds_payload_in_annex_b_with_other_nals() {
    let p = payload(3);
    let mut au = vec![0, 0, 0, 1, 0x09, 0xF0]; // access unit delimiter
    au.extend_from_slice(&[0, 0, 1]);
    let other = [vec![0xDC; 16], b"x264 - core".to_vec()].concat();
    au.extend(sei_nal(&[(5, other), (5, lantern_body(&p))]));
    au.extend_from_slice(&[0, 0, 0, 1, 0x65, 0x88, 0x84, 0x00]);
    let found = find_in_packet(&au, NalFraming::AnnexB);
    assert_eq!(found.payloads, vec![p]);
    assert!(found.errors.is_empty());
}

#[test]
fn finds_long_payload_in_avcc_with_escapes() {
    // > 255 bytes forces a multi-byte size; zeros in the body force emulation prevention.
    let p = payload(12);
    let body = lantern_body(&p);
    assert!(body.len() > 510);
    let mut escaped_body = vec![0u8, 0, 1, 0, 0, 2];
    escaped_body.extend_from_slice(&[0xAB; 16]);
    let nal = sei_nal(&[(1, vec![0, 0, 0, 0]), (5, escaped_body), (5, body)]);
    let mut au = Vec::new();
    au.extend_from_slice(&(nal.len() as u32).to_be_bytes());
    au.extend_from_slice(&nal);
    au.extend_from_slice(&3u32.to_be_bytes());
    au.extend_from_slice(&[0x41, 0x9A, 0x00]);
    let found = find_in_packet(&au, NalFraming::Length(4));
    assert_eq!(found.payloads, vec![p]);
}

#[test]
fn multi_byte_payload_type_is_skipped_not_misread() {
    let p = payload(1);
    let mut odd = SEI_UUID.to_vec();
    odd.extend_from_slice(b"not for us");
    // Type 5 + 255 = 260 must not be taken for type 5.
    let nal = sei_nal(&[(260, odd), (5, lantern_body(&p))]);
    let au = [vec![0, 0, 1], nal].concat();
    assert_eq!(find_in_packet(&au, NalFraming::AnnexB).payloads, vec![p]);
}

#[test]
fn corrupt_and_truncated_input_never_panics() {
    let p = payload(2);
    let nal = sei_nal(&[(5, lantern_body(&p))]);
    for cut in 0..nal.len() {
        let au = [vec![0, 0, 1], nal[..cut].to_vec()].concat();
        let _ = find_in_packet(&au, NalFraming::AnnexB);
        let _ = find_in_packet(&nal[..cut], NalFraming::Length(4));
    }
    let mut bad = SEI_UUID.to_vec();
    bad.extend_from_slice(b"{not json");
    let found = find_in_packet(
        &[vec![0, 0, 1], sei_nal(&[(5, bad)])].concat(),
        NalFraming::AnnexB,
    );
    assert!(found.payloads.is_empty());
    assert_eq!(found.errors.len(), 1);
}

#[test]
fn framing_from_avcc_extradata() {
    assert_eq!(
        NalFraming::from_extradata(&[1, 0x64, 0, 0x1F, 0xFF, 0xE1]),
        NalFraming::Length(4)
    );
    assert_eq!(
        NalFraming::from_extradata(&[0, 0, 0, 1, 0x67]),
        NalFraming::AnnexB
    );
    assert_eq!(NalFraming::from_extradata(&[]), NalFraming::AnnexB);
}

#[test]
fn avcc_length_that_looks_like_a_start_code() {
    // A 300-byte NAL has the 4-byte length 00 00 01 2C: it must not be taken for Annex B.
    let mut p = payload(1);
    let base = lantern_body(&p).len();
    p.zones[0].id = "x".repeat(290 - base.min(280));
    let nal = sei_nal(&[(5, lantern_body(&p))]);
    assert!((256..512).contains(&nal.len()), "{}", nal.len());
    let mut au = (nal.len() as u32).to_be_bytes().to_vec();
    au.extend_from_slice(&nal);
    assert_eq!(find_in_packet(&au, NalFraming::Length(4)).payloads, vec![p]);
}
