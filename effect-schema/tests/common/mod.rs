//! Hostile packages, crafted on the fly in a temp dir.

#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub const VALID_JSON: &str = r#"{
  "formatVersion": 1,
  "meta": { "name": "t", "author": "a", "version": "1" },
  "assets": [ { "type": "image", "id": "img", "path": "img.png" } ],
  "layers": [ { "type": "faceProp", "id": "p", "asset": "img", "anchor": "forehead" } ]
}"#;

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A zip with the given (name, bytes) entries, stored uncompressed.
pub fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG whose header says `w` x `h` (the pixel data is a token: only headers are read).
pub fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 6, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    out
}

/// A real zip bomb: one entry whose deflate stream expands to `gib` GiB of zeros, built from a
/// 1 MiB block repeated (deflate blocks concatenate), so writing it takes milliseconds.
/// Sizes are declared honestly with zip64 records.
pub fn zip_bomb(path: &Path, gib: u64) {
    use flate2::Compression;
    use flate2::write::DeflateEncoder;
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    enc.write_all(&vec![0u8; 1 << 20]).unwrap();
    enc.flush().unwrap(); // sync flush: byte-aligned, non-final
    let block = enc.get_ref().clone();
    let repeats = gib * 1024;
    let mut data = Vec::with_capacity(block.len() * repeats as usize + 2);
    for _ in 0..repeats {
        data.extend(&block);
    }
    data.extend([0x03, 0x00]); // final empty fixed-Huffman block
    let size: u64 = gib << 30;
    let name = b"effect.json";
    let mut f = Vec::new();
    // Local header (zip64 sizes in the extra field).
    f.extend(b"PK\x03\x04");
    f.extend(45u16.to_le_bytes()); // version needed
    f.extend(0u16.to_le_bytes()); // flags
    f.extend(8u16.to_le_bytes()); // deflate
    f.extend([0, 0, 0x21, 0]); // 1980-01-01
    f.extend(0u32.to_le_bytes()); // crc (never checked: refused first)
    f.extend(u32::MAX.to_le_bytes());
    f.extend(u32::MAX.to_le_bytes());
    f.extend((name.len() as u16).to_le_bytes());
    f.extend(20u16.to_le_bytes());
    f.extend(name);
    f.extend(1u16.to_le_bytes());
    f.extend(16u16.to_le_bytes());
    f.extend(size.to_le_bytes());
    f.extend((data.len() as u64).to_le_bytes());
    f.extend(&data);
    let cd_start = f.len() as u64;
    f.extend(b"PK\x01\x02");
    f.extend(45u16.to_le_bytes()); // made by
    f.extend(45u16.to_le_bytes());
    f.extend(0u16.to_le_bytes());
    f.extend(8u16.to_le_bytes());
    f.extend([0, 0, 0x21, 0]);
    f.extend(0u32.to_le_bytes());
    f.extend(u32::MAX.to_le_bytes());
    f.extend(u32::MAX.to_le_bytes());
    f.extend((name.len() as u16).to_le_bytes());
    f.extend(28u16.to_le_bytes()); // extra len
    f.extend(0u16.to_le_bytes()); // comment
    f.extend(0u16.to_le_bytes()); // disk
    f.extend(0u16.to_le_bytes()); // internal attrs
    f.extend(0u32.to_le_bytes()); // external attrs
    f.extend(u32::MAX.to_le_bytes()); // local header offset in zip64 extra
    f.extend(name);
    f.extend(1u16.to_le_bytes());
    f.extend(24u16.to_le_bytes());
    f.extend(size.to_le_bytes());
    f.extend((data.len() as u64).to_le_bytes());
    f.extend(0u64.to_le_bytes());
    let cd_end = f.len() as u64;
    // Zip64 end of central directory record + locator + classic EOCD.
    f.extend(b"PK\x06\x06");
    f.extend(44u64.to_le_bytes());
    f.extend(45u16.to_le_bytes());
    f.extend(45u16.to_le_bytes());
    f.extend(0u32.to_le_bytes());
    f.extend(0u32.to_le_bytes());
    f.extend(1u64.to_le_bytes());
    f.extend(1u64.to_le_bytes());
    f.extend((cd_end - cd_start).to_le_bytes());
    f.extend(cd_start.to_le_bytes());
    f.extend(b"PK\x06\x07");
    f.extend(0u32.to_le_bytes());
    f.extend(cd_end.to_le_bytes());
    f.extend(1u32.to_le_bytes());
    f.extend(b"PK\x05\x06");
    f.extend([0, 0, 0, 0]);
    f.extend(0xFFFFu16.to_le_bytes());
    f.extend(0xFFFFu16.to_le_bytes());
    f.extend(u32::MAX.to_le_bytes());
    f.extend(u32::MAX.to_le_bytes());
    f.extend(0u16.to_le_bytes());
    std::fs::write(path, f).unwrap();
}

/// A zip with `n` empty entries.
pub fn many_entries(path: &Path, n: usize) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut zip = ZipWriter::new(file);
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..n {
        zip.start_file(format!("f{i}"), opts).unwrap();
    }
    zip.finish().unwrap();
}

/// A zip holding a symlink `link -> target`.
pub fn symlink_zip(path: &Path, target: &str) {
    let mut zip = ZipWriter::new(std::fs::File::create(path).unwrap());
    zip.start_file("effect.json", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(VALID_JSON.as_bytes()).unwrap();
    zip.add_symlink("img.png", target, SimpleFileOptions::default())
        .unwrap();
    zip.finish().unwrap();
}
