//! The caps a package must stay under. Every reader check is against these numbers.

/// Hard limits for reading a package. The defaults suit effects shared between people; the
/// engine may tighten them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Size of the `.zip` file itself.
    pub max_archive_bytes: u64,
    /// Files (and folders) in the package.
    pub max_entries: usize,
    /// One file, uncompressed.
    pub max_file_bytes: u64,
    /// All files together, uncompressed.
    pub max_total_bytes: u64,
    /// Uncompressed / compressed size of a zip entry (checked for entries over 64 KiB).
    pub max_ratio: u64,
    /// `effect.json` itself.
    pub max_json_bytes: u64,
    /// Width or height of any image, sprite sheet or frame.
    pub max_image_side: u32,
    /// Frames of one sequence (numbered files, GIF, APNG, sprite sheet).
    pub max_frames: u32,
    /// Folder depth inside the package.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_archive_bytes: 256 * 1024 * 1024,
            max_entries: 4096,
            max_file_bytes: 64 * 1024 * 1024,
            max_total_bytes: 512 * 1024 * 1024,
            max_ratio: 100,
            max_json_bytes: 4 * 1024 * 1024,
            max_image_side: 8192,
            max_frames: 1024,
            max_depth: 16,
        }
    }
}
