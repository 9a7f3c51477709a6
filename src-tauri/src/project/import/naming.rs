//! Safe names for imported files and unique ids for the assets they become.
//!
//! A file keeps a readable form of its own name: ASCII letters and digits, lower-cased, other
//! runs of characters turned into `-` (`My Sticker (1).PNG` → `my-sticker-1.png`). Its extension
//! comes from what the file *is*, not what it was called. Names never overwrite: `-2`, `-3`, …
//! are added until the name is free. Ids follow the same rule against the ids already in use.

use std::collections::BTreeSet;
use std::path::Path;

/// The longest stem kept from a source file name.
const MAX_STEM: usize = 40;

/// A file-name stem made of `a-z 0-9 -`, never empty (`asset` when nothing is left).
pub fn safe_stem(source: &Path) -> String {
    let raw = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_matches('-').chars().take(MAX_STEM).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "asset".to_owned()
    } else {
        out
    }
}

/// `base`, or `base-2`, `base-3`, … : the first for which `taken` is false.
pub fn first_free(base: &str, mut taken: impl FnMut(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..u32::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|c| !taken(c))
        .unwrap_or_else(|| base.to_owned())
}

/// The ids already used by the document plus those handed out during this import.
#[derive(Debug, Default)]
pub struct Ids(BTreeSet<String>);

impl Ids {
    pub fn new(taken: &[String]) -> Self {
        Self(taken.iter().cloned().collect())
    }

    /// A fresh id derived from `stem`, reserved from now on.
    pub fn claim(&mut self, stem: &str) -> String {
        let id = first_free(stem, |c| self.0.contains(c));
        self.0.insert(id.clone());
        id
    }
}

/// The trailing run of digits in a file stem and its value (`glow_012` → 12).
pub fn frame_number(source: &Path) -> Option<u64> {
    let stem = source.file_stem()?.to_string_lossy().into_owned();
    let digits: String = stem
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// The stem of a numbered frame without its number (`glow_012` → `glow`).
pub fn sequence_stem(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let trimmed = stem.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_' || c == '-');
    safe_stem(Path::new(if trimmed.is_empty() {
        "sequence"
    } else {
        trimmed
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_and_readable() {
        assert_eq!(
            safe_stem(Path::new("/x/My Sticker (1).PNG")),
            "my-sticker-1"
        );
        assert_eq!(safe_stem(Path::new("贴纸.png")), "asset");
        assert_eq!(safe_stem(Path::new("../../etc/passwd")), "passwd");
        assert_eq!(safe_stem(Path::new("..")), "asset");
        let long = format!("{}.png", "a".repeat(100));
        assert_eq!(safe_stem(Path::new(&long)).len(), MAX_STEM);
    }

    #[test]
    fn ids_and_names_never_collide() {
        let mut ids = Ids::new(&["hat".to_owned(), "hat-2".to_owned()]);
        assert_eq!(ids.claim("hat"), "hat-3");
        assert_eq!(ids.claim("hat"), "hat-4");
        assert_eq!(ids.claim("coin"), "coin");
        assert_eq!(first_free("a", |c| c == "a"), "a-2");
    }

    #[test]
    fn frame_numbers_and_stems() {
        assert_eq!(frame_number(Path::new("glow_012.png")), Some(12));
        assert_eq!(frame_number(Path::new("glow.png")), None);
        assert_eq!(sequence_stem(Path::new("Glow_012.png")), "glow");
        assert_eq!(sequence_stem(Path::new("0001.png")), "sequence");
    }
}
