//! Where a package's bytes come from: a folder, a zip, or files held in memory (over a folder or
//! alone), listed once, under the [`Limits`].
//!
//! Listing refuses the package outright on anything hostile (a path leaving the package, a
//! symlink, too many entries, sizes or compression ratios over the caps) before a single byte is
//! decompressed. A zip's entry count is read from its end-of-central-directory record first, so a
//! 100k-entry archive is refused without parsing its directory.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use super::{Limits, paths};
use crate::diag::Diagnostic;

/// Anything a zip can be read from.
pub trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

pub(crate) enum Backing {
    Dir(PathBuf),
    Zip(Box<ZipArchive<Box<dyn ReadSeek>>>),
    /// No folder or archive: every file is in [`Source::memory`].
    Memory,
}

/// A listed package: its files (path → uncompressed size) and how to read them.
pub(crate) struct Source {
    pub backing: Backing,
    /// Files only (no folders), with their zip index when zipped.
    pub files: BTreeMap<String, (u64, usize)>,
    /// Files held in memory; they hide a folder's files of the same path.
    pub memory: BTreeMap<String, Vec<u8>>,
    /// The name used in messages about the package as a whole.
    pub name: String,
}

type Refusal = Diagnostic;

fn refuse(name: &str, message: impl Into<String>) -> Refusal {
    Diagnostic::file(name, message)
}

impl Source {
    /// List a folder.
    pub fn dir(root: &Path, limits: &Limits) -> Result<Self, Refusal> {
        Self::parts(
            Some(root),
            BTreeMap::new(),
            root.display().to_string(),
            limits,
        )
    }

    /// List files held in memory over an optional folder: a memory file stands in for the
    /// folder's file (or anything else) at its path, and is checked like one.
    pub fn parts(
        root: Option<&Path>,
        memory: BTreeMap<String, Vec<u8>>,
        name: String,
        limits: &Limits,
    ) -> Result<Self, Refusal> {
        let mut listing = Listing {
            files: BTreeMap::new(),
            total: 0,
            entries: 0,
            limits,
            name: &name,
        };
        if let Some(root) = root {
            listing.dir(root, &memory)?;
        }
        for (path, bytes) in &memory {
            listing.entry(path)?;
            listing.file(path, bytes.len() as u64)?;
        }
        let files = listing.files;
        Ok(Self {
            backing: root.map_or(Backing::Memory, |r| Backing::Dir(r.to_path_buf())),
            files,
            memory,
            name,
        })
    }
    /// List a zip file on disk.
    pub fn zip_file(path: &Path, limits: &Limits) -> Result<Self, Refusal> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|e| refuse(&name, format!("cannot open: {e}")))?;
        Self::zip(Box::new(std::io::BufReader::new(file)), name, limits)
    }

    /// List a zip from any reader.
    pub fn zip(
        mut reader: Box<dyn ReadSeek>,
        name: String,
        limits: &Limits,
    ) -> Result<Self, Refusal> {
        let len = reader
            .seek(SeekFrom::End(0))
            .map_err(|e| refuse(&name, format!("cannot read: {e}")))?;
        if len > limits.max_archive_bytes {
            return Err(refuse(
                &name,
                format!(
                    "the archive is {len} bytes, over the {} byte cap",
                    limits.max_archive_bytes
                ),
            ));
        }
        if let Some(count) = declared_entries(&mut reader, len)
            && count > limits.max_entries as u64
        {
            return Err(refuse(
                &name,
                format!(
                    "the archive declares {count} entries; a package may hold at most {}",
                    limits.max_entries
                ),
            ));
        }
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| refuse(&name, format!("cannot read: {e}")))?;
        let mut archive = ZipArchive::new(reader)
            .map_err(|e| refuse(&name, format!("not a readable zip archive: {e}")))?;
        if archive.len() > limits.max_entries {
            return Err(refuse(
                &name,
                format!(
                    "the archive holds {} entries; a package may hold at most {}",
                    archive.len(),
                    limits.max_entries
                ),
            ));
        }
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..archive.len() {
            let entry = archive
                .by_index_raw(i)
                .map_err(|e| refuse(&name, format!("entry {i} is unreadable: {e}")))?;
            let entry_name = entry
                .name()
                .map_err(|e| refuse(&name, format!("entry {i} has an unreadable name: {e}")))?
                .into_owned();
            paths::check(&entry_name).map_err(|why| refuse(&entry_name, why))?;
            if paths::depth(&entry_name) > limits.max_depth {
                return Err(refuse(
                    &entry_name,
                    format!("nested deeper than {} folders", limits.max_depth),
                ));
            }
            if entry.is_symlink() {
                return Err(refuse(&entry_name, "symlinks are not allowed in a package"));
            }
            if entry.encrypted() {
                return Err(refuse(&entry_name, "encrypted entries are not supported"));
            }
            if entry.is_dir() {
                continue;
            }
            let size = entry.size();
            check_size(&entry_name, size, &mut total, limits)?;
            let packed = entry.compressed_size().max(1);
            if size > 64 * 1024 && size / packed > limits.max_ratio {
                return Err(refuse(
                    &entry_name,
                    format!(
                        "compression ratio {}:1 is over the {}:1 cap (a zip bomb?)",
                        size / packed,
                        limits.max_ratio
                    ),
                ));
            }
            if files.insert(entry_name.clone(), (size, i)).is_some() {
                return Err(refuse(&entry_name, "the archive holds this path twice"));
            }
        }
        Ok(Self {
            backing: Backing::Zip(Box::new(archive)),
            files,
            memory: BTreeMap::new(),
            name,
        })
    }

    /// Read one listed file, never more than its listed size.
    pub fn read(&mut self, path: &str) -> Result<Vec<u8>, Diagnostic> {
        let Some(&(size, index)) = self.files.get(path) else {
            return Err(Diagnostic::file(path, "not in the package"));
        };
        if let Some(bytes) = self.memory.get(path) {
            return Ok(bytes.clone());
        }
        let mut buf = Vec::with_capacity(size.min(16 * 1024 * 1024) as usize);
        let result = match &mut self.backing {
            Backing::Dir(root) => {
                File::open(root.join(path)).and_then(|f| f.take(size + 1).read_to_end(&mut buf))
            }
            Backing::Zip(archive) => match archive.by_index(index) {
                Ok(entry) => entry.take(size + 1).read_to_end(&mut buf),
                Err(e) => Err(std::io::Error::other(e)),
            },
            Backing::Memory => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        };
        match result {
            Ok(n) if n as u64 == size => Ok(buf),
            Ok(n) => Err(Diagnostic::file(
                path,
                format!("holds {n} bytes but its header says {size}: the archive is corrupt"),
            )),
            Err(e) => Err(Diagnostic::file(path, format!("cannot read: {e}"))),
        }
    }
}

/// A listing in progress: the files so far and the counts the [`Limits`] cap.
struct Listing<'a> {
    files: BTreeMap<String, (u64, usize)>,
    total: u64,
    entries: usize,
    limits: &'a Limits,
    name: &'a str,
}

impl Listing<'_> {
    /// Count one entry (file or folder) at `rel` and check its path.
    fn entry(&mut self, rel: &str) -> Result<(), Refusal> {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(refuse(
                self.name,
                format!(
                    "more than {} files: a package may hold at most that many",
                    self.limits.max_entries
                ),
            ));
        }
        paths::check(rel).map_err(|why| refuse(rel, why))?;
        if paths::depth(rel) > self.limits.max_depth {
            return Err(refuse(
                rel,
                format!("nested deeper than {} folders", self.limits.max_depth),
            ));
        }
        Ok(())
    }

    fn file(&mut self, rel: &str, size: u64) -> Result<(), Refusal> {
        check_size(rel, size, &mut self.total, self.limits)?;
        self.files.insert(rel.to_owned(), (size, 0));
        Ok(())
    }

    /// List a folder, skipping hidden names and the paths `memory` stands in for.
    fn dir(&mut self, root: &Path, memory: &BTreeMap<String, Vec<u8>>) -> Result<(), Refusal> {
        let name = self.name;
        let mut stack = vec![(root.to_path_buf(), String::new())];
        while let Some((dir, prefix)) = stack.pop() {
            let read = std::fs::read_dir(&dir)
                .map_err(|e| refuse(name, format!("cannot list {}: {e}", dir.display())))?;
            for entry in read {
                let entry = entry.map_err(|e| refuse(name, format!("cannot list: {e}")))?;
                let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
                    return Err(refuse(
                        &format!("{prefix}{}", entry.file_name().to_string_lossy()),
                        "the file name is not UTF-8: rename it",
                    ));
                };
                let rel = format!("{prefix}{file_name}");
                if file_name.starts_with('.') || memory.contains_key(&rel) {
                    continue; // .DS_Store, .git, editor files: not part of the package
                }
                self.entry(&rel)?;
                let meta = std::fs::symlink_metadata(entry.path())
                    .map_err(|e| refuse(&rel, format!("cannot read: {e}")))?;
                if meta.file_type().is_symlink() {
                    return Err(refuse(
                        &rel,
                        "symlinks are not allowed in a package: copy the file in instead",
                    ));
                }
                if meta.is_dir() {
                    stack.push((entry.path(), format!("{rel}/")));
                } else if meta.is_file() {
                    self.file(&rel, meta.len())?;
                } else {
                    return Err(refuse(&rel, "not a regular file (device, socket or pipe)"));
                }
            }
        }
        Ok(())
    }
}

fn check_size(path: &str, size: u64, total: &mut u64, limits: &Limits) -> Result<(), Refusal> {
    if size > limits.max_file_bytes {
        return Err(refuse(
            path,
            format!(
                "{size} bytes uncompressed, over the {} byte cap for one file",
                limits.max_file_bytes
            ),
        ));
    }
    *total = total.saturating_add(size);
    if *total > limits.max_total_bytes {
        return Err(refuse(
            path,
            format!(
                "the files add up to more than {} bytes uncompressed",
                limits.max_total_bytes
            ),
        ));
    }
    Ok(())
}

/// The entry count an archive's end-of-central-directory record declares (zip64 included),
/// read from the last 64 KiB only. `None` if there is no record (the zip reader then fails).
fn declared_entries(reader: &mut Box<dyn ReadSeek>, len: u64) -> Option<u64> {
    let tail_len = len.min(65_557 + 20);
    reader.seek(SeekFrom::Start(len - tail_len)).ok()?;
    let mut tail = vec![0u8; tail_len as usize];
    reader.read_exact(&mut tail).ok()?;
    let pos = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .filter(|&p| p + 22 <= tail.len())?;
    let count = u64::from(u16::from_le_bytes([tail[pos + 10], tail[pos + 11]]));
    if count != 0xFFFF || pos < 20 || &tail[pos - 20..pos - 16] != b"PK\x06\x07" {
        return Some(count);
    }
    // Zip64: the locator points at the zip64 end record, which holds a 64-bit count.
    let loc = &tail[pos - 20..pos];
    let offset = u64::from_le_bytes(loc[8..16].try_into().ok()?);
    reader.seek(SeekFrom::Start(offset)).ok()?;
    let mut rec = [0u8; 56];
    reader.read_exact(&mut rec).ok()?;
    if &rec[0..4] != b"PK\x06\x06" {
        return Some(count);
    }
    Some(u64::from_le_bytes(rec[32..40].try_into().ok()?))
}
